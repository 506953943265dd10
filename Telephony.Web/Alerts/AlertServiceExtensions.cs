using Telephony.Data;
using Telephony.Data.Alerts;
using Telephony.Web.Alerts.Outage;

namespace Telephony.Web.Alerts;

public static class AlertServiceExtensions
{
    /// <summary>Options (validated at start), the store, the evaluator with its lease, the delivery worker and the outage pager.</summary>
    public static IHostApplicationBuilder AddAlertServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AlertOptions>().Bind(builder.Configuration.GetSection("Alerts")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertTargets>();
        services.AddSingleton<IEvaluatorLease>(sp => sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Postgres
            ? ActivatorUtilities.CreateInstance<PostgresEvaluatorLease>(sp)
            : new SqliteEvaluatorLease());
        services.AddSingleton<AlertEvaluator>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertEvaluator>());

        // No request logging on this client: a Slack webhook URL is itself a secret.
        services.AddHttpClient(AlertWebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        services.AddSingleton<AlertWebhookSender>();
        services.AddSingleton<AlertDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertDeliveryWorker>());

        // Pages about this instance's own readiness without the database, and writes them down once it answers.
        services.AddSingleton<OutageHistoryStore>();
        services.AddSingleton<OutagePager>();
        services.AddHostedService(sp => sp.GetRequiredService<OutagePager>());
        return builder;
    }
}
