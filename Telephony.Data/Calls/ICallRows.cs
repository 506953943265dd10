using Telephony.Data.Consent;

namespace Telephony.Data.Calls;

/// <summary>
/// The call rows a unit of call work (<see cref="CallWork"/>) decides on, already loaded (and on PostgreSQL locked):
/// the calls it names and their parents. The same rules (<see cref="CallRules"/>, <see cref="ConsentRules"/>) run over
/// EF Core's change tracker (<see cref="EfCallRows"/>) and over the one-statement PostgreSQL batch
/// (<see cref="PostgresCallBatch"/>), so both paths store the same rows.
/// </summary>
public interface ICallRows
{
    /// <summary>The call, if it is stored or was added by this unit; null otherwise.</summary>
    Call? Find(string callSid);

    /// <summary>Adds a call that does not exist yet.</summary>
    void Add(Call newCall);

    /// <summary>Appends an event to a call's timeline.</summary>
    void AddEvent(CallEvent callEvent);

    /// <summary>Appends a consent ledger entry.</summary>
    void AddConsent(ConsentRecord record);
}
