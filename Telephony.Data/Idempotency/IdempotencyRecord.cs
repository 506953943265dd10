namespace Telephony.Data.Idempotency;

/// <summary>An <c>Idempotency-Key</c> seen on a POST, and the response to replay when it comes again.</summary>
public class IdempotencyRecord
{
    public string Key { get; set; } = "";

    /// <summary>Method and path the key was used on (<c>POST /api/tenants</c>); a key is unique within its scope.</summary>
    public string Scope { get; set; } = "";

    /// <summary>Hash of the request body, so the same key with a different request is refused.</summary>
    public string RequestHash { get; set; } = "";

    public IdempotencyStatus Status { get; set; }

    public int? ResponseStatus { get; set; }

    public string? ResponseBody { get; set; }

    public string? ResponseContentType { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
