namespace Telephony.Web.Auth;

/// <summary>The two console roles (docs/design.md, "Roles").</summary>
public static class Roles
{
    public const string Support = "Support";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Support, Admin];
}
