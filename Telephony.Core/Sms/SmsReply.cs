namespace Telephony.Core.Sms;

/// <summary>The decision on an inbound text and the TwiML to answer with.</summary>
public sealed record SmsReply(SmsKeyword Keyword, string TwiML);
