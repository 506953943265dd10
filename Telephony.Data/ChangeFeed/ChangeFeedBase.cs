using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.ChangeFeed;

/// <summary>What <see cref="ChangeFeedInterceptor"/> needs from a feed: where, relative to the commit, notices go out.</summary>
internal abstract class ChangeFeedBase(ChangeBroadcaster broadcaster) : IChangeFeed
{
    protected ChangeBroadcaster Broadcaster { get; } = broadcaster;

    /// <summary>True when notices are written inside the saving transaction (PostgreSQL NOTIFY is sent on commit).</summary>
    public abstract bool NotifiesInTransaction { get; }

    public ChangeSubscription Subscribe(int capacity = ChangeSubscription.DefaultCapacity) => Broadcaster.Subscribe(capacity);

    public long Sequence => Broadcaster.Sequence;

    public abstract ValueTask PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default);

    /// <summary>Writes notices inside <paramref name="db"/>'s open transaction (only when <see cref="NotifiesInTransaction"/>).</summary>
    public virtual Task WriteInTransactionAsync(DbContext db, IReadOnlyList<ChangeNotice> notices, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc cref="WriteInTransactionAsync"/>
    public virtual void WriteInTransaction(DbContext db, IReadOnlyList<ChangeNotice> notices)
    {
    }

    /// <summary>Called once the notices' changes are committed.</summary>
    public virtual void Committed(IReadOnlyList<ChangeNotice> notices)
    {
    }
}
