namespace Telephony.Data.Metrics;

/// <summary>
/// Everything the Overview page shows. <see cref="Calls"/> covers the same 24 clock hours as <see cref="Volume"/>
/// (the oldest hour's start to the end of the current one), so both come from one read of the calls.
/// </summary>
public sealed record OverviewSnapshot(
    DateTimeOffset At,
    ActiveCalls ActiveCalls,
    IReadOnlyList<HourVolume> Volume,
    CallSuccessMetrics Calls,
    VoicemailBacklog Voicemail,
    int ErrorsLastHour,
    int ViolationsLastHour,
    int FailedTransactions,
    int FiringAlerts);
