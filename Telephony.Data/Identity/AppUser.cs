using Microsoft.AspNetCore.Identity;

namespace Telephony.Data.Identity;

/// <summary>A console user (support staff or admin).</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
