namespace Telephony.Data.Metrics;

/// <summary>
/// Consent figures for a set of calls. <see cref="HeardDisclosure"/>: calls with a caller decision in the consent
/// ledger (continued or pressed 8; a system fail-safe entry is not a caller hearing it). <see cref="ConsentStood"/>:
/// of those, calls whose consent still stands at the end. <see cref="Withdrawn"/>: calls with a withdrawal.
/// <see cref="RecordingsWithoutConsent"/>: recorded transfers on calls whose consent is not granted (withdrawn or
/// unknown) — must be 0; voicemails are the caller's own message and do not count. <see cref="ConsentRate"/> = stood ÷ heard, null when nobody heard the disclosure.
/// </summary>
public sealed record ConsentCounts(int HeardDisclosure, int ConsentStood, int Withdrawn, int RecordingsWithoutConsent)
{
    public double? ConsentRate => HeardDisclosure > 0 ? (double)ConsentStood / HeardDisclosure : null;
}
