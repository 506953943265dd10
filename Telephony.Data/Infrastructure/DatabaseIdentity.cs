using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// This database's own id (the row of <c>DatabaseIdentity</c>, filled by the migration that created it), read once at
/// start after the migrations. A copy of the database (a restored backup) keeps it; a new database gets a new one.
/// </summary>
public sealed class DatabaseIdentity
{
    private volatile string? id;

    /// <summary>The id; null until <see cref="LoadAsync"/> ran at start.</summary>
    public string? Id => id;

    /// <summary>Reads the id; a database whose row was deleted by hand gets a new one (it can no longer be told apart).</summary>
    public async Task<string> LoadAsync(IDbContextFactory<TelephonyDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var row = await db.DatabaseIdentityRows.AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                row = new DatabaseIdentityRow { Id = Guid.NewGuid().ToString("N") };
                db.DatabaseIdentityRows.Add(row);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            id = row.Id;
            return row.Id;
        }
    }
}
