namespace Telephony.Data.Metrics;

/// <summary>Provisioning transactions in status failed: how many, how many failed in the last hour, the latest rows.</summary>
public sealed record FailedTransactions(int Total, int InLastHour, IReadOnlyList<FailedTransaction> Latest);
