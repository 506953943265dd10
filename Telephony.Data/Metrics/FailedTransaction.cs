namespace Telephony.Data.Metrics;

public sealed record FailedTransaction(Guid Id, string Kind, int CurrentStep, string? Error, DateTimeOffset CreatedAt, DateTimeOffset FailedAt);
