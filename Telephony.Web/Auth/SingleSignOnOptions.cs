namespace Telephony.Web.Auth;

/// <summary><c>Authentication:OpenIdConnect:*</c>: optional single sign-on at the company's identity provider.</summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Authentication:OpenIdConnect";

    /// <summary>The provider's issuer URL; empty turns single sign-on off (nothing is registered).</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>From the environment only (<c>Authentication__OpenIdConnect__ClientSecret</c>); never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The id_token claim that lists the user's groups.</summary>
    public string GroupClaim { get; set; } = "groups";

    public string[] AdminGroups { get; set; } = [];

    public string[] SupportGroups { get; set; } = [];

    /// <summary>Shown on the login page: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Only a local test provider on plain http turns this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
