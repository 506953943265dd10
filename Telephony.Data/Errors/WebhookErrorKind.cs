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

    /// <summary>A journaled webhook the database kept refusing while it answered: set aside in the quarantine file.</summary>
    Quarantined,
}
