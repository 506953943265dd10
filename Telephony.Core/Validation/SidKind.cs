namespace Telephony.Core.Validation;

/// <summary>Twilio resource kinds we receive, each with its two-letter SID prefix.</summary>
public enum SidKind
{
    Call,
    Recording,
    Transcription,
    Account,
    Message,
}
