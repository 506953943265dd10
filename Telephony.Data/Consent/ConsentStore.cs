using Microsoft.EntityFrameworkCore;
using Telephony.Data.Calls;

namespace Telephony.Data.Consent;

/// <summary>The consent ledger: every decision with the prompt version and language the caller heard.</summary>
public sealed class ConsentStore(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    /// <summary>Appends a ledger entry and moves the call's consent state, in one transaction.</summary>
    /// <remarks>A withdrawal is final for the call: a later "granted" never overrides it.</remarks>
    public async Task RecordAsync(ConsentEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.ConsentRecords.Add(new ConsentRecord
            {
                CallSid = entry.CallSid,
                CallerNumber = entry.CallerNumber,
                Decision = entry.Decision,
                PromptVersion = entry.PromptVersion,
                Language = entry.Language,
                Jurisdiction = entry.Jurisdiction,
                Method = entry.Method,
                RecordedAt = now,
            });

            var call = await db.Calls.FirstOrDefaultAsync(c => c.CallSid == entry.CallSid, cancellationToken).ConfigureAwait(false);
            if (call is not null)
            {
                var next = entry.Decision switch
                {
                    ConsentDecision.Withdrawn => ConsentState.Withdrawn,
                    ConsentDecision.Granted when call.ConsentState != ConsentState.Withdrawn => ConsentState.Granted,
                    _ => call.ConsentState,
                };
                if (next != call.ConsentState)
                {
                    call.ConsentState = next;
                    call.UpdatedAt = now;
                    db.CallEvents.Add(new CallEvent { CallSid = call.CallSid, Kind = "consent", Detail = $"{entry.Decision} ({entry.Method})", OccurredAt = now });
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>One consent decision to store.</summary>
public sealed record ConsentEntry(string CallSid, string CallerNumber, ConsentDecision Decision, string PromptVersion, string Language, string Jurisdiction, string Method);
