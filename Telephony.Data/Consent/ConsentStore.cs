using Telephony.Data.Calls;

namespace Telephony.Data.Consent;

/// <summary>The consent ledger: every decision with the prompt version and language the caller heard.</summary>
public sealed class ConsentStore(CallStore calls)
{
    /// <summary>Appends a ledger entry and moves the call's consent state, in one transaction (<see cref="ConsentRules"/>).</summary>
    /// <remarks>A withdrawal is final for the call: a later "granted" never overrides it.</remarks>
    public Task RecordAsync(ConsentEntry entry, CancellationToken cancellationToken) =>
        calls.ApplyAsync(CallWork.Consent(entry), cancellationToken);
}

/// <summary>One consent decision to store.</summary>
public sealed record ConsentEntry(string CallSid, string CallerNumber, ConsentDecision Decision, string PromptVersion, string Language, string Jurisdiction, string Method);
