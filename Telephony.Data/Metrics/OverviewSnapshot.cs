namespace Telephony.Data.Metrics;

/// <summary>
/// Everything the Overview page shows. <see cref="Calls"/> covers the same 24 clock hours as <see cref="Volume"/>
/// (the oldest hour's start to the end of the current one), so both come from one read of the calls.
/// <see cref="ErrorsLastHour"/> counts failures only, as <see cref="RecentErrors.Total"/> does; signature failures are apart.
/// </summary>
public sealed record OverviewSnapshot(
    DateTimeOffset At,
    ActiveCalls ActiveCalls,
    IReadOnlyList<HourVolume> Volume,
    CallSuccessMetrics Calls,
    VoicemailBacklog Voicemail,
    int ErrorsLastHour,
    int SignatureFailuresLastHour,
    int ViolationsLastHour,
    int FailedTransactions,
    int FiringAlerts);
