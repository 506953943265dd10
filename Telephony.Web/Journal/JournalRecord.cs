namespace Telephony.Web.Journal;

/// <summary>
/// A webhook whose database work failed, kept on local disk until it is replayed. Holds the verified form (caller
/// numbers, transcripts: personal data, never logged) and the context the answer was built from; never the signature.
/// </summary>
/// <param name="Id">Unique per record; replay marks it done by this id.</param>
/// <param name="Route">The webhook route, one of <see cref="Telephony.Core.Twilio.TwilioRoutes"/>.</param>
/// <param name="ReceivedAt">When the webhook arrived (stored rows get this time, not the replay time).</param>
/// <param name="Instance">The app instance that answered it.</param>
/// <param name="Form">The verified form fields, in order.</param>
/// <param name="Context">The query values and the facts the answer depended on (e.g. the consent it used).</param>
public sealed record JournalRecord(
    string Id,
    string Route,
    DateTimeOffset ReceivedAt,
    string Instance,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    IReadOnlyDictionary<string, string> Context)
{
    /// <summary>
    /// The identity of the database the webhook belongs to (<see cref="Telephony.Data.Infrastructure.DatabaseIdentity"/>);
    /// null in records written before records carried it.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>
    /// False when the record was written against another database: it is never replayed into this one. A record without
    /// an identity was written by this same deployment before records carried one, against the database it still uses
    /// (an upgrade does not change the database), so it is replayed as before.
    /// </summary>
    public bool BelongsTo(string database) => Database is null || string.Equals(Database, database, StringComparison.Ordinal);

    public string? Field(string name) => Form.FirstOrDefault(p => p.Key == name).Value;

    public string? Value(string name) => Context.TryGetValue(name, out var v) ? v : null;
}
