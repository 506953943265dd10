namespace Telephony.Data.Idempotency;

public enum IdempotencyOutcome
{
    /// <summary>First time this key is seen: process the request, then call Complete (or Abandon on failure).</summary>
    New,

    /// <summary>The key was completed before with the same request: send the stored response again.</summary>
    Replay,

    /// <summary>The same key is being processed right now by another request (answer 409).</summary>
    InFlight,

    /// <summary>The key was used with a different request body (answer 422).</summary>
    Mismatch,
}
