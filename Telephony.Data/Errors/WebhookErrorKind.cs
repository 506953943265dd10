namespace Telephony.Data.Errors;

/// <summary>
/// What a <see cref="WebhookError"/> row records. Stored as its number: new kinds go at the end.
/// <see cref="WebhookErrorKinds.IsFailure"/> says which ones are failures (METRICS.md "Errors").
/// </summary>
public enum WebhookErrorKind
{
    /// <summary>Abuse, not a failure of ours: a request whose <c>X-Twilio-Signature</c> did not verify (answered 403).</summary>
    SignatureFailure,

    /// <summary>Twilio called the Voice Fallback URL: the primary handler failed as Twilio saw it (its <c>ErrorCode</c>).</summary>
    TwilioError,

    /// <summary>A webhook's database work failed or ran out of its time budget; the caller was answered without it.</summary>
    DatabaseFailure,

    InvalidInput,
    Other,

    /// <summary>Not an error: something the reconciliation job created because its webhook never arrived.</summary>
    Reconciled,

    /// <summary>A journaled webhook the database kept refusing while it answered: set aside in the quarantine file.</summary>
    Quarantined,

    /// <summary>A handler threw and the TwiML safety net answered in its place.</summary>
    HandlerException,
}
