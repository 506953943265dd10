namespace Telephony.Data.Errors;

public enum WebhookErrorKind
{
    SignatureFailure,
    TwilioError,
    DatabaseFailure,
    InvalidInput,
    Other,

    /// <summary>Not an error: something the reconciliation job created because its webhook never arrived.</summary>
    Reconciled,
}
