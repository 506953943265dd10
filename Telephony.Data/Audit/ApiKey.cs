namespace Telephony.Data.Audit;

/// <summary>An admin API key. Only its SHA-256 hash is kept; the key itself is shown once at creation.</summary>
public class ApiKey
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the full key.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>The first characters of the key, so a user can tell keys apart.</summary>
    public string Prefix { get; set; } = "";

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
