using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Telephony.Web.Telemetry;

/// <summary>Counts open console pages (Blazor circuits with a live connection) in <c>hotline.console.connections</c>.</summary>
internal sealed class ConsoleCircuitCounter(HotlineMetrics metrics) : CircuitHandler
{
    public const string Kind = "circuit";

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.ConsoleConnected(Kind);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.ConsoleDisconnected(Kind);
        return Task.CompletedTask;
    }
}
