using Telephony.Core.Twilio;

namespace Telephony.Core.Simulator;

/// <summary>
/// Plays Twilio against the app: signs and posts the webhooks a real call would produce and
/// follows the TwiML that comes back (Gather, Redirect, Dial, Record, Hangup, Reject).
/// </summary>
public sealed class CallSimulator
{
    private readonly TwilioSignatureValidator _signer;
    private readonly string _publicBaseUrl;
    private readonly ITwilioTransport _transport;
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;

    public CallSimulator(string authToken, string publicBaseUrl, ITwilioTransport transport, SimulatorOptions? options = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(publicBaseUrl);
        ArgumentNullException.ThrowIfNull(transport);
        _signer = new TwilioSignatureValidator(authToken);
        _publicBaseUrl = publicBaseUrl.TrimEnd('/');
        _transport = transport;
        _options = options ?? new SimulatorOptions();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Plays one inbound call from start to the final <c>completed</c> status callback.</summary>
    public Task<SimulatedCall> PlayAsync(CallerScript script, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var run = new SimulatedCallRun(_signer, _publicBaseUrl, _transport, _options, _time.GetUtcNow(), script);
        return run.RunAsync(ct);
    }

    /// <summary>A Twilio-shaped SID: the prefix and 32 lowercase hex digits.</summary>
    public static string NewSid(string prefix) =>
        prefix + System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true);
}
