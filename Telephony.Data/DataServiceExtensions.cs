using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telephony.Data.Audit;
using Telephony.Data.Calls;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Consent;
using Telephony.Data.Errors;
using Telephony.Data.Idempotency;
using Telephony.Data.Infrastructure;
using Telephony.Data.Metrics;
using Telephony.Data.Privacy;
using Telephony.Data.RateLimiting;
using Telephony.Data.Seeding;
using Telephony.Data.Sms;
using Telephony.Data.Voicemail;

namespace Telephony.Data;

public static class DataServiceExtensions
{
    /// <summary>
    /// Registers <see cref="TelephonyDbContext"/> (factory and scoped) for the configured provider, the stores, the monitoring
    /// queries and the change feed (plus, on PostgreSQL, the hosted LISTEN service: run it under a host).
    /// </summary>
    public static IServiceCollection AddTelephonyData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString("Telephony") ?? "Data Source=telephony.db";
        return services.AddTelephonyData(provider, connectionString);
    }

    public static IServiceCollection AddTelephonyData(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.AddSingleton(new DatabaseSettings(provider, connectionString));
        services.AddSingleton<DatabaseIdentity>();
        services.AddLogging();

        // Live updates: SaveChanges announces what it wrote through the provider's feed (see ChangeFeedInterceptor).
        services.AddSingleton<ChangeBroadcaster>();
        services.AddSingleton<ChangeFeedInterceptor>();
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<ChangeFeedBase>());
        services.AddSingleton(sp => new ChangeFeedStatus(provider != DatabaseProvider.Postgres, sp.GetService<TimeProvider>() ?? TimeProvider.System));

        // Every webhook makes a few short-lived contexts: pooling reuses their instances and EF Core's internal services.
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<ChangeFeedBase, PostgresChangeFeed>();
            services.AddHostedService<PostgresChangeListener>();
            services.AddPooledDbContextFactory<PostgresTelephonyDbContext>((sp, o) =>
                TelephonyDbOptions.ConfigurePostgres(o, connectionString).AddInterceptors(sp.GetRequiredService<ChangeFeedInterceptor>()));
            services.AddSingleton<IDbContextFactory<TelephonyDbContext>, Factory<PostgresTelephonyDbContext>>();
        }
        else
        {
            services.AddSingleton<ChangeFeedBase, InProcessChangeFeed>();
            services.AddPooledDbContextFactory<SqliteTelephonyDbContext>((sp, o) =>
                TelephonyDbOptions.ConfigureSqlite(o, connectionString).AddInterceptors(sp.GetRequiredService<ChangeFeedInterceptor>()));
            services.AddSingleton<IDbContextFactory<TelephonyDbContext>, Factory<SqliteTelephonyDbContext>>();
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContext());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RateLimitStore>();
        services.AddSingleton<CallStore>();
        services.AddSingleton<FrontDoorWriter>();
        services.AddSingleton<CallWriter>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ConsentStore>();
        services.AddSingleton<ConsentLedger>();
        services.AddSingleton<AdminAuditLog>();
        services.AddSingleton<VoicemailStore>();
        services.AddSingleton<VoicemailInbox>();
        services.AddSingleton<RecordingRetention>();
        services.AddSingleton<CallerDataStore>();
        services.AddSingleton<SmsStore>();
        services.AddSingleton<WebhookErrorStore>();
        services.AddSingleton<MonitoringQueries>();
        services.AddSingleton<CallQuery>();
        services.AddSingleton<VoicemailQuery>();
        services.AddSingleton<VolumeSeeder>();
        return services;
    }

    private sealed class Factory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<TelephonyDbContext>
        where TContext : TelephonyDbContext
    {
        public TelephonyDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>The provider and connection string in force.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString);
