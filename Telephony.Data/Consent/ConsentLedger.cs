using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Consent;

/// <summary>The consent ledger as admins search and export it (privacy access requests).</summary>
public sealed class ConsentLedger(IDbContextFactory<TelephonyDbContext> contextFactory)
{
    public const int MaxRows = 1000;

    /// <summary>Entries whose caller number contains <paramref name="caller"/> (digits compared as text), newest first.</summary>
    public async Task<IReadOnlyList<ConsentRecord>> SearchAsync(string? caller, CancellationToken cancellationToken, int max = MaxRows)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var query = db.ConsentRecords.AsNoTracking();
            var term = caller?.Trim();
            if (!string.IsNullOrEmpty(term))
            {
                query = query.Where(r => r.CallerNumber.Contains(term));
            }

            var rows = await query.OrderByDescending(r => r.Id).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows;
        }
    }

    /// <summary>Retention: deletes ledger entries recorded before <paramref name="cutoff"/> (kept apart from recordings, with their own age).</summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.ConsentRecords.Where(r => r.RecordedAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
