using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Telephony.Data.ChangeFeed;

/// <summary>One subscriber's buffer of notices; dispose to unsubscribe.</summary>
public sealed class ChangeSubscription : IDisposable
{
    public const int DefaultCapacity = 256;

    private readonly Channel<ChangeNotice> channel;
    private readonly Action<ChangeSubscription> unsubscribe;
    private long lastNumber;

    internal ChangeSubscription(int capacity, Action<ChangeSubscription> unsubscribe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        channel = Channel.CreateBounded<ChangeNotice>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        this.unsubscribe = unsubscribe;
    }

    public ChannelReader<ChangeNotice> Reader => channel.Reader;

    /// <summary>
    /// At least the number (<see cref="IChangeFeed.Sequence"/>) of every notice read from this subscription so far: it is
    /// raised before a notice is buffered. A read started at or after this number has seen their changes.
    /// </summary>
    public long LastSequence => Volatile.Read(ref lastNumber);

    public IAsyncEnumerable<ChangeNotice> ReadAllAsync(CancellationToken cancellationToken = default) => channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>
    /// Notices in batches: waits for one, then for <paramref name="settle"/> more, then yields everything buffered.
    /// A dashboard re-queries once per batch instead of once per notice when a burst of webhooks arrives.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<ChangeNotice>> ReadBatchesAsync(
        TimeSpan settle, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (settle > TimeSpan.Zero)
            {
                await Task.Delay(settle, cancellationToken).ConfigureAwait(false);
            }

            var batch = new List<ChangeNotice>();
            while (channel.Reader.TryRead(out var notice))
            {
                batch.Add(notice);
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    public void Dispose()
    {
        unsubscribe(this);
        channel.Writer.TryComplete();
    }

    // DropOldest never refuses a write; false only once the subscription is disposed.
    internal bool TryWrite(ChangeNotice notice, long number)
    {
        // Raised first, so a reader that has the notice also has a number at least its own (feeds may broadcast at once).
        var seen = Volatile.Read(ref lastNumber);
        while (number > seen)
        {
            var was = Interlocked.CompareExchange(ref lastNumber, number, seen);
            if (was == seen)
            {
                break;
            }

            seen = was;
        }

        return channel.Writer.TryWrite(notice);
    }
}
