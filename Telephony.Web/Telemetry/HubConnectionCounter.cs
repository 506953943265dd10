using Microsoft.AspNetCore.SignalR;

namespace Telephony.Web.Telemetry;

/// <summary>Counts connections to the operations hub (wallboards, scripts) in <c>hotline.console.connections</c>.</summary>
internal sealed class HubConnectionCounter(HotlineMetrics metrics) : IHubFilter
{
    public const string Kind = "hub";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        await next(context).ConfigureAwait(false);
        metrics.ConsoleConnected(Kind);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        metrics.ConsoleDisconnected(Kind);
        await next(context, exception).ConfigureAwait(false);
    }
}
