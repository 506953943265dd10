using Microsoft.EntityFrameworkCore;

namespace Telephony.Data;

/// <summary>Applies pending migrations for whichever provider is configured.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IDbContextFactory<TelephonyDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
