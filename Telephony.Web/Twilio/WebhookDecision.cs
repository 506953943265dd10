using Telephony.Core.Calls;

namespace Telephony.Web.Twilio;

/// <summary>What a voice route decided on a request: the TwiML answer, the flow's result behind it (for telemetry), and the unit of work that stores it (none when there is nothing to store).</summary>
public sealed record WebhookDecision(string TwiML, FlowResult? Result, WebhookUnit? Store);
