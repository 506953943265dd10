using System.Security.Claims;

namespace Telephony.Web.Provisioning;

/// <summary>Who did an admin action, as the audit log records it: a user id and email, or the name of an API key.</summary>
public sealed record AdminActor(string? UserId, string? Email)
{
    public static AdminActor From(ClaimsPrincipal? user) =>
        new(user?.FindFirstValue(ClaimTypes.NameIdentifier), user?.Identity?.Name);
}
