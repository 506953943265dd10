using Telephony.Core.Twilio;

namespace Telephony.Core.Simulator;

/// <summary>
/// Plays Twilio against the app: signs and posts the webhooks a real call would produce and
/// follows the TwiML that comes back (Gather, Redirect, Dial, Record, Hangup, Reject).
/// </summary>
public sealed class CallSimulator
{
    private readonly TwilioSignatureValidator signer;
    private readonly string publicBaseUrl;
    private readonly ITwilioTransport transport;
    private readonly SimulatorOptions options;
    private readonly TimeProvider time;

    public CallSimulator(string authToken, string publicBaseUrl, ITwilioTransport transport, SimulatorOptions? options = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(publicBaseUrl);
        ArgumentNullException.ThrowIfNull(transport);
        signer = new TwilioSignatureValidator(authToken);
        this.publicBaseUrl = publicBaseUrl.TrimEnd('/');
        this.transport = transport;
        this.options = options ?? new SimulatorOptions();
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Plays one inbound call from start to the final <c>completed</c> status callback.</summary>
    public Task<SimulatedCall> PlayAsync(CallerScript script, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var run = new SimulatedCallRun(signer, publicBaseUrl, transport, options, time.GetUtcNow(), script);
        return run.RunAsync(ct);
    }

    /// <summary>A Twilio-shaped SID: the prefix and 32 lowercase hex digits.</summary>
    public static string NewSid(string prefix) =>
        prefix + System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true);
}
