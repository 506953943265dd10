using Microsoft.EntityFrameworkCore;
using Telephony.Data;
using Telephony.Data.Infrastructure;
using Telephony.Web.Auth;

namespace Telephony.Web.Database;

/// <summary>
/// Applies migrations, reads the database's identity (<see cref="DatabaseIdentity"/>), creates the shared key ring and the
/// first admin before the server accepts requests. The app does not start without its database, so once it runs the
/// identity is known: webhooks journaled from then on carry it, and the replayer never runs before it is read.
/// </summary>
/// <remarks>
/// On PostgreSQL instances starting together on one database take turns (an advisory lock): concurrent migrations of an
/// empty database collide, and each would create its own key ring and first admin.
/// </remarks>
internal sealed partial class DatabaseInitializer(IServiceProvider services, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        var startupLock = settings.Provider == DatabaseProvider.Postgres
            ? await PostgresStartupLock.AcquireAsync(settings.ConnectionString, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            LogMigrating(logger, settings.Provider);
            await DatabaseMigrator.MigrateAsync(factory, cancellationToken).ConfigureAwait(false);
            var identity = await services.GetRequiredService<DatabaseIdentity>().LoadAsync(factory, cancellationToken).ConfigureAwait(false);
            LogIdentity(logger, identity);
            services.GetRequiredService<KeyRingInitializer>().Ensure();
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BootstrapAdmin>().EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (startupLock is not null)
            {
                await startupLock.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying database migrations ({Provider})")]
    private static partial void LogMigrating(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database identity {DatabaseId}")]
    private static partial void LogIdentity(ILogger logger, string databaseId);
}
