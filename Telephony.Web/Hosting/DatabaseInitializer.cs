using Microsoft.EntityFrameworkCore;
using Telephony.Data;
using Telephony.Web.Auth;

namespace Telephony.Web.Hosting;

/// <summary>Applies migrations and creates the first admin before the server accepts requests.</summary>
internal sealed partial class DatabaseInitializer(IServiceProvider services, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        LogMigrating(logger, settings.Provider);
        await DatabaseMigrator.MigrateAsync(factory, cancellationToken).ConfigureAwait(false);

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BootstrapAdmin>().EnsureAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying database migrations ({Provider})")]
    private static partial void LogMigrating(ILogger logger, DatabaseProvider provider);
}
