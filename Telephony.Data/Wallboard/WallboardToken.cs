namespace Telephony.Data.Wallboard;

/// <summary>
/// A read-only link to the wallboard (<c>/wallboard?token=…</c>) for a TV that nobody signs in on. Only the token's
/// SHA-256 hash is kept; the token itself is shown once, when an admin makes it.
/// </summary>
public class WallboardToken
{
    public Guid Id { get; set; }

    /// <summary>Where the link is used ("Support floor TV").</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the full token.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the token, so an admin can tell links apart.</summary>
    public string Prefix { get; set; } = "";

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
