namespace Telephony.Data.Metrics.Reports;

/// <summary>
/// Voicemails left in a period against the callback SLA: <see cref="Met"/> were called back by their due time,
/// <see cref="Missed"/> were called back later or are still waiting past it, <see cref="Pending"/> are waiting and not
/// due yet. A voicemail archived without a callback needed none and is in <see cref="Received"/> only.
/// <see cref="MetRate"/> = met ÷ (met + missed), null ("—") when no voicemail of the period has an outcome yet.
/// </summary>
public sealed record CallbackSlaCounts(int Received, int Met, int Missed, int Pending)
{
    public static CallbackSlaCounts None { get; } = new(0, 0, 0, 0);

    public double? MetRate => Met + Missed > 0 ? (double)Met / (Met + Missed) : null;

    public CallbackSlaCounts Plus(CallbackSlaCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Received + other.Received, Met + other.Met, Missed + other.Missed, Pending + other.Pending);
    }
}
