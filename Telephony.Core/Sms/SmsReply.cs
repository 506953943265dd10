namespace Telephony.Core.Sms;

/// <summary>The decision on an inbound text and the TwiML to answer with.</summary>
/// <param name="Keyword">What the text was.</param>
/// <param name="TwiML">The answer.</param>
/// <param name="SendsMessage">Whether the answer sends a text back (counted against the sender's hourly allowance).</param>
public sealed record SmsReply(SmsKeyword Keyword, string TwiML, bool SendsMessage = false);
