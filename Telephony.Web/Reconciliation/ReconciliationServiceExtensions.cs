namespace Telephony.Web.Reconciliation;

public static class ReconciliationServiceExtensions
{
    /// <summary>The periodic comparison of Twilio's call and recording lists with the database.</summary>
    public static IHostApplicationBuilder AddReconciliationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReconciliationOptions>().Bind(builder.Configuration.GetSection("Reconciliation")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TwilioActivity>();
        services.AddSingleton<Reconciler>();
        services.AddHostedService<ReconciliationWorker>();
        return builder;
    }
}
