namespace Telephony.Core.Sms;

/// <summary>Wording of our SMS replies.</summary>
/// <param name="ContactLine">How to reach a person, e.g. "Call +1 415 555 0100, Mon-Fri 9-5".</param>
/// <param name="AutoReply">Answer to any text that is not a keyword.</param>
/// <param name="ReplyToOptOutKeywords">
/// False (the default) when Twilio's built-in opt-out handling is on: Twilio confirms STOP and
/// START itself and refuses our messages to an opted-out number (error 21610), so we answer
/// those with an empty response rather than a second confirmation.
/// </param>
public sealed record SmsReplyOptions(string CompanyName, string ContactLine, string AutoReply, bool ReplyToOptOutKeywords = false);
