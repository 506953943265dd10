using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Twilio;

/// <summary>
/// The account credentials in force. With none configured the app runs in simulator mode: a random token,
/// known only to this process, signs the built-in simulator's requests, so the webhooks stay verified.
/// </summary>
public sealed class TwilioCredentials
{
    public const string SimulatorAccountSid = "AC00000000000000000000000000000000";

    public TwilioCredentials(IOptions<TwilioOptions> options)
    {
        var o = options.Value;
        SimulatorMode = o.SimulatorMode;
        AccountSid = SimulatorMode ? SimulatorAccountSid : o.AccountSid;
        AuthToken = SimulatorMode ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : o.AuthToken;
        SecondaryAuthToken = SimulatorMode || string.IsNullOrEmpty(o.SecondaryAuthToken) ? null : o.SecondaryAuthToken;
        PublicBaseUrl = o.PublicBaseUrl.TrimEnd('/');
    }

    public bool SimulatorMode { get; }

    public string AccountSid { get; }

    /// <summary>Never logged, never stored, never sent to a browser.</summary>
    public string AuthToken { get; }

    /// <summary>A second token webhooks may be signed with while a rotation is under way; null otherwise. A secret too.</summary>
    public string? SecondaryAuthToken { get; }

    public string PublicBaseUrl { get; }
}
