namespace Telephony.Web.Auth;

/// <summary><c>Bootstrap:*</c> settings: the first admin and an optional admin API key.</summary>
public sealed class BootstrapOptions
{
    public string AdminEmail { get; set; } = "";

    public string AdminPassword { get; set; } = "";

    public string ApiKey { get; set; } = "";
}
