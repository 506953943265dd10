namespace Telephony.Web.Hosting.WarmUp;

/// <summary>
/// Hands the app's request pipeline, as built for the server, to the start-up warm-up: its requests then take the path
/// Kestrel's take (forwarded headers, security headers, routing, authentication, rate limits, endpoint filters, handler)
/// without a socket, and without the server's request metrics and traces.
/// </summary>
internal sealed class WarmUpPipeline : IStartupFilter
{
    private readonly TaskCompletionSource<RequestDelegate> built = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the server has built the pipeline (before it starts listening).</summary>
    public Task<RequestDelegate> Built => built.Task;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(rest =>
        {
            built.TrySetResult(rest);
            return rest;
        });
        next(app);
    };
}
