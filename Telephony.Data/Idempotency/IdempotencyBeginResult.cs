namespace Telephony.Data.Idempotency;

/// <summary>The outcome of <see cref="IdempotencyStore.TryBeginAsync(string, string, string, CancellationToken)"/>; <see cref="Response"/> is set for a replay.</summary>
public sealed record IdempotencyBeginResult(IdempotencyOutcome Outcome, IdempotentResponse? Response = null);
