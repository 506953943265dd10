using Microsoft.AspNetCore.Identity;

namespace Telephony.Data.Identity;

/// <summary>A console user (support staff or admin).</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The console language the user picked (<c>en</c> or <c>fr-CA</c>); null until they pick one, when the browser's language applies.</summary>
    public string? Language { get; set; }
}
