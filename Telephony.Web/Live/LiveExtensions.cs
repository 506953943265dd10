namespace Telephony.Web.Live;

public static class LiveExtensions
{
    public static IHostApplicationBuilder AddLiveServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddHostedService<OperationsHubRelay>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapHub<OperationsHub>(OperationsHub.Route);
        return app;
    }
}
