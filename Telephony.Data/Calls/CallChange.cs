using System.Globalization;
using Telephony.Core.Calls;

namespace Telephony.Data.Calls;

/// <summary>
/// One thing a webhook decided about a call: the timeline event (<see cref="Kind"/>, <see cref="Detail"/>) and the
/// change of the call's row it stands for, if any (given the call and the current UTC time).
/// </summary>
public sealed record CallChange(string Kind, string Detail, Action<Call, DateTimeOffset>? Change = null)
{
    /// <summary>The caller reached the voicemail recording.</summary>
    public static CallChange ReachedVoicemail { get; } = new("voicemail", "voicemail recording started", (call, _) =>
    {
        call.ReachedVoicemail = true;
        if (call.Route == CallRoute.None)
        {
            call.Route = CallRoute.Voicemail;
        }
    });

    /// <summary>The <c>&lt;Dial action&gt;</c> result on the parent call.</summary>
    public static CallChange DialResult(string dialCallStatus, int? dialCallDuration) =>
        new("dial", $"dial {dialCallStatus} ({dialCallDuration?.ToString(CultureInfo.InvariantCulture) ?? "-"} s)", (call, _) =>
        {
            call.DialCallStatus = dialCallStatus;
            call.DialCallDuration = dialCallDuration;
        });

    /// <summary>The start of a transfer to sales or support (the <c>&lt;Dial&gt;</c> is being returned).</summary>
    public static CallChange TransferStarted(CallRoute route) =>
        new("transfer", $"transfer to {route}", (call, now) =>
        {
            call.Route = route;
            call.TransferStartedAt ??= now;
        });
}
