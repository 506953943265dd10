namespace Telephony.Data.ChangeFeed;

/// <summary>SQLite's feed: one process owns the database file, so an in-memory broadcast after commit reaches everyone.</summary>
internal sealed class InProcessChangeFeed(ChangeBroadcaster broadcaster) : ChangeFeedBase(broadcaster)
{
    public override bool NotifiesInTransaction => false;

    public override ValueTask PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Broadcaster.Broadcast([notice]);
        return ValueTask.CompletedTask;
    }

    public override void Committed(IReadOnlyList<ChangeNotice> notices) => Broadcaster.Broadcast(notices);
}
