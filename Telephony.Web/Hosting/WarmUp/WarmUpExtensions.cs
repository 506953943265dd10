namespace Telephony.Web.Hosting.WarmUp;

public static class WarmUpExtensions
{
    /// <summary>
    /// The start-up warm-up (<c>WarmUp</c> settings): connections opened, throw-away calls played through the app's own
    /// pipeline and deleted, the console's queries run; <see cref="WarmUpStatus"/> says when it is done.
    /// </summary>
    public static IHostApplicationBuilder AddWarmUp(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WarmUpOptions>().Bind(builder.Configuration.GetSection("WarmUp"));
        services.AddSingleton<WarmUpPipeline>();
        services.AddSingleton<IStartupFilter>(sp => sp.GetRequiredService<WarmUpPipeline>());
        services.AddSingleton<WarmUpStatus>();
        services.AddSingleton<IWarmUpStep, ConnectionPoolsStep>();
        services.AddSingleton<IWarmUpStep, ThrowAwayCallsStep>();
        services.AddSingleton<IWarmUpStep, ConsoleQueriesStep>();
        services.AddHostedService<StartupWarmUp>();
        return builder;
    }
}
