namespace Telephony.Web.Simulator;

public static class SimulatorServiceExtensions
{
    /// <summary>The simulator that plays Twilio against the app's own webhooks, and the fake Twilio REST API's state.</summary>
    public static IHostApplicationBuilder AddSimulatorServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(SimulatorService.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<SimulatorService>();
        builder.Services.AddSingleton<FakeTwilioState>();
        return builder;
    }

    /// <summary>In simulator mode only: the fake Twilio REST API and the simulated recordings' audio.</summary>
    public static IEndpointRouteBuilder MapSimulatorApi(this IEndpointRouteBuilder app)
    {
        app.MapFakeTwilioApi();
        app.MapRecordingsApi();
        return app;
    }
}
