using System.Collections.Immutable;

namespace Telephony.Data.ChangeFeed;

/// <summary>Fans notices out to this process's subscribers; both feeds deliver through it.</summary>
internal sealed class ChangeBroadcaster
{
    private ImmutableArray<ChangeSubscription> subscribers = [];
    private long sequence;

    public int SubscriberCount => subscribers.Length;

    /// <summary>
    /// The number of the last notice handed to subscribers (numbers rise by one per notice, in this process). A read
    /// that starts after reading it sees the changes of every notice up to it: a notice goes out once its change is
    /// committed.
    /// </summary>
    public long Sequence => Volatile.Read(ref sequence);

    public ChangeSubscription Subscribe(int capacity)
    {
        var subscription = new ChangeSubscription(capacity, Remove);
        ImmutableInterlocked.Update(ref subscribers, list => list.Add(subscription));
        return subscription;
    }

    public void Broadcast(IEnumerable<ChangeNotice> notices)
    {
        // A snapshot: subscribing or leaving during a broadcast never blocks it.
        var current = subscribers;
        foreach (var notice in notices)
        {
            var number = Interlocked.Increment(ref sequence);
            foreach (var subscriber in current)
            {
                subscriber.TryWrite(notice, number);
            }
        }
    }

    private void Remove(ChangeSubscription subscription) =>
        ImmutableInterlocked.Update(ref subscribers, list => list.Remove(subscription));
}
