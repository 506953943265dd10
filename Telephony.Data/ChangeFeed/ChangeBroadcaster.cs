using System.Collections.Immutable;

namespace Telephony.Data.ChangeFeed;

/// <summary>Fans notices out to this process's subscribers; both feeds deliver through it.</summary>
internal sealed class ChangeBroadcaster
{
    private ImmutableArray<ChangeSubscription> subscribers = [];

    public int SubscriberCount => subscribers.Length;

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
            foreach (var subscriber in current)
            {
                subscriber.TryWrite(notice);
            }
        }
    }

    private void Remove(ChangeSubscription subscription) =>
        ImmutableInterlocked.Update(ref subscribers, list => list.Remove(subscription));
}
