namespace Telephony.Web.Journal;

/// <summary>
/// A webhook whose database work failed, kept on local disk until it is replayed. Holds the verified form (caller
/// numbers, transcripts: personal data, never logged) and the context the answer was built from; never the signature.
/// </summary>
/// <param name="Id">Unique per record; replay marks it done by this id.</param>
/// <param name="Route">The webhook route, e.g. <c>/twilio/voice/recording-status</c>.</param>
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
    public string? Field(string name) => Form.FirstOrDefault(p => p.Key == name).Value;

    public string? Value(string name) => Context.TryGetValue(name, out var v) ? v : null;
}
