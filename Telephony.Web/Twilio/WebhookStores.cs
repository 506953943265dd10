using Telephony.Core.Calls;
using Telephony.Core.Sms;
using Telephony.Data.Calls;
using Telephony.Data.Errors;
using Telephony.Data.Sms;
using Telephony.Data.Voicemail;

namespace Telephony.Web.Twilio;

/// <summary>
/// What the webhooks' units of work decide and store with: a handler runs its route's unit with these, and the journal
/// replays the same unit with these later (<see cref="Journal.WebhookReplay"/>).
/// </summary>
public sealed class WebhookStores(
    CallFlow flow,
    SmsReplyPolicy smsPolicy,
    FrontDoorWriter frontDoors,
    CallStore calls,
    CallWriter callWriter,
    VoicemailStore voicemails,
    SmsStore sms,
    WebhookErrorStore errors)
{
    public CallFlow Flow { get; } = flow;

    public SmsReplyPolicy SmsPolicy { get; } = smsPolicy;

    /// <summary>The front door's group commit, which also counts the caller against the rate limit.</summary>
    public FrontDoorWriter FrontDoors { get; } = frontDoors;

    public CallStore Calls { get; } = calls;

    /// <summary>The group commit of every other call webhook.</summary>
    public CallWriter CallWriter { get; } = callWriter;

    public VoicemailStore Voicemails { get; } = voicemails;

    public SmsStore Sms { get; } = sms;

    public WebhookErrorStore Errors { get; } = errors;
}
