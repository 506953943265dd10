namespace Telephony.Data.Errors;

public enum WebhookErrorKind
{
    SignatureFailure,
    TwilioError,
    DatabaseFailure,
    InvalidInput,
    Other,
}
