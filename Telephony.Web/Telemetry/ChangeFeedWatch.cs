using Telephony.Data.ChangeFeed;

namespace Telephony.Web.Telemetry;

/// <summary>
/// Listens to this instance's change feed like a dashboard does, counting the notices that arrive and when the last
/// one did. A notice carries no commit time, so the lag from commit cannot be measured here; a feed that stays silent
/// while webhooks are answered has stalled.
/// </summary>
internal sealed class ChangeFeedWatch(IChangeFeed feed, HotlineMetrics metrics) : BackgroundService
{
    // A notice's kind comes off the wire (PostgreSQL): only the kinds the app sends become tag values.
    private static readonly HashSet<string> Kinds = [.. typeof(ChangeKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(capacity: 1024);
        try
        {
            await foreach (var notice in subscription.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                metrics.ChangeNoticeReceived(Kinds.TryGetValue(notice.Kind, out var kind) ? kind : "other");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
