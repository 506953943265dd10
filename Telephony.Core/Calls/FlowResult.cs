namespace Telephony.Core.Calls;

/// <summary>What a call-flow step answers Twilio with, and what happened (for the web layer to store).</summary>
public sealed record FlowResult(string TwiML, IReadOnlyList<CallFlowEvent> Events);
