namespace Telephony.Data.Metrics;

/// <summary>
/// The webhook log of the last hour in 60 clock-minute buckets (the last one is the current, partial minute).
/// <see cref="Total"/> and <see cref="PerMinute"/> count failures only (<see cref="Errors.WebhookErrorKinds.IsFailure"/>);
/// signature failures are abuse and counted apart; <see cref="Latest"/> lists every entry, notes included.
/// </summary>
public sealed record RecentErrors(
    int Total,
    IReadOnlyList<MinuteCount> PerMinute,
    int SignatureFailures,
    IReadOnlyList<MinuteCount> SignatureFailuresPerMinute,
    IReadOnlyList<ErrorRow> Latest)
{
    /// <summary>The most failures in the current or the last complete minute.</summary>
    public int RecentPeak => PeakOfLastTwo(PerMinute);

    /// <summary>The most signature failures in the current or the last complete minute.</summary>
    public int RecentSignaturePeak => PeakOfLastTwo(SignatureFailuresPerMinute);

    // The current minute is partial; the last complete one keeps a burst visible until a whole quiet minute has passed.
    private static int PeakOfLastTwo(IReadOnlyList<MinuteCount> minutes) => minutes.TakeLast(2).Select(m => m.Count).DefaultIfEmpty(0).Max();
}
