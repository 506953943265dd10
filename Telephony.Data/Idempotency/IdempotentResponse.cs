namespace Telephony.Data.Idempotency;

/// <summary>The response stored for a completed key, replayed verbatim.</summary>
public sealed record IdempotentResponse(int StatusCode, string? Body, string? ContentType, string? Location);
