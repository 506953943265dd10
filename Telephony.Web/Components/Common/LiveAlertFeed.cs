using Telephony.Data.ChangeFeed;

namespace Telephony.Web.Components.Common;

/// <summary>
/// Runs a component's redraw whenever alerts change: subscribes now, coalesces bursts into one call per
/// <see cref="Settle"/>, and stops on dispose. Shared by the Alerts page and the app-bar banner.
/// </summary>
internal sealed class LiveAlertFeed : IDisposable
{
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(150);

    private readonly ChangeSubscription subscription;
    private readonly CancellationTokenSource stopping = new();

    private LiveAlertFeed(ChangeSubscription subscription) => this.subscription = subscription;

    public static LiveAlertFeed Start(IChangeFeed feed, Func<Task> onChange)
    {
        var live = new LiveAlertFeed(feed.Subscribe());
        _ = live.RunAsync(onChange);
        return live;
    }

    private async Task RunAsync(Func<Task> onChange)
    {
        try
        {
            await foreach (var batch in subscription.ReadBatchesAsync(Settle, stopping.Token).ConfigureAwait(false))
            {
                if (batch.Any(n => n.Kind == ChangeKinds.Alert || n.IsResync))
                {
                    await onChange().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the component went away.
        }
        catch (ObjectDisposedException)
        {
            // The circuit (and its services) ended first.
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        subscription.Dispose();
        stopping.Dispose();
    }
}
