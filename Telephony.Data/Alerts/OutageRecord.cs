namespace Telephony.Data.Alerts;

/// <summary>
/// What one instance paged about a condition while it could not (or did not) use the database, to be written into the
/// alert history once the database answers.
/// </summary>
/// <param name="Condition">The condition key, stored as the alert's rule key.</param>
/// <param name="Message">What the instance saw, for people.</param>
/// <param name="Since">When the instance first saw the condition.</param>
/// <param name="PagedAt">When it sent the trigger.</param>
/// <param name="ClearedAt">When the condition cleared; null while it lasts.</param>
/// <param name="AlertId">The alert this record was written to before, if any.</param>
/// <param name="Deliveries">Each notification sent (or being sent) to each target.</param>
public sealed record OutageRecord(
    string Condition,
    string Message,
    DateTimeOffset Since,
    DateTimeOffset PagedAt,
    DateTimeOffset? ClearedAt,
    long? AlertId,
    IReadOnlyList<OutageDeliveryRecord> Deliveries);
