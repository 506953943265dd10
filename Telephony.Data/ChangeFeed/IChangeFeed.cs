namespace Telephony.Data.ChangeFeed;

/// <summary>
/// Live updates: every committed <c>SaveChanges</c> of a watched entity is announced to every subscriber, on every app
/// instance (PostgreSQL) or in this process (SQLite).
/// </summary>
public interface IChangeFeed
{
    /// <summary>
    /// Starts receiving notices now (no history). Each subscriber has its own bounded buffer; when it falls behind the
    /// oldest notices are dropped, which is harmless because any notice means "re-query". Dispose to stop.
    /// </summary>
    ChangeSubscription Subscribe(int capacity = ChangeSubscription.DefaultCapacity);

    /// <summary>
    /// The number of the last notice handed to this process's subscribers; a read that starts after reading it sees the
    /// change of every notice numbered up to it (<see cref="ChangeSubscription.LastSequence"/>).
    /// </summary>
    long Sequence { get; }

    /// <summary>
    /// Announces a change made without SaveChanges (raw SQL, ExecuteUpdate, bulk load). Call it after the write commits.
    /// </summary>
    ValueTask PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default);
}
