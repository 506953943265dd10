namespace Telephony.Data.Errors;

/// <summary>Which webhook log entries count as errors (METRICS.md "Errors"): the error burst, the Errors page and the Overview.</summary>
public static class WebhookErrorKinds
{
    /// <summary>
    /// A webhook that failed us: an exception the safety net answered, a database failure, a call that reached the
    /// fallback URL. Signature failures are abuse, counted apart; reconciliation and set-aside entries are notes (the
    /// refusals behind a set-aside record were already counted as database failures when they happened).
    /// </summary>
    public static bool IsFailure(WebhookErrorKind kind) =>
        kind is WebhookErrorKind.HandlerException or WebhookErrorKind.DatabaseFailure or WebhookErrorKind.TwilioError;
}
