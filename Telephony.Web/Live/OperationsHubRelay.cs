using Microsoft.AspNetCore.SignalR;
using Telephony.Data.ChangeFeed;

namespace Telephony.Web.Live;

/// <summary>Forwards every change notice of this instance's feed to the hub's clients.</summary>
internal sealed partial class OperationsHubRelay(IChangeFeed feed, IHubContext<OperationsHub> hub, ILogger<OperationsHubRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(capacity: 4096);
        await foreach (var notice in subscription.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await hub.Clients.All.SendAsync(OperationsHub.ChangedMethod, notice.Kind, notice.Id, notice.State, stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One failed broadcast must not stop the relay.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogSendFailed(logger, notice.Kind, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not broadcast a {Kind} change to hub clients")]
    private static partial void LogSendFailed(ILogger logger, string kind, Exception exception);
}
