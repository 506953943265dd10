using System.Diagnostics;
using System.Threading.Channels;

namespace Telephony.Data.Infrastructure;

/// <summary>One queued write: what to write, and how its request hears the outcome.</summary>
internal sealed class GroupCommitItem<TEntry, TResult>
{
    private readonly TaskCompletionSource<TResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration registration;

    public GroupCommitItem(TEntry entry, CancellationToken cancellationToken)
    {
        Entry = entry;
        Parent = Activity.Current?.Context;
        registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
    }

    public TEntry Entry { get; }

    /// <summary>The span of the request that queued this write, if it is traced.</summary>
    public ActivityContext? Parent { get; }

    public Task<TResult> Task => completion.Task;

    /// <summary>The request gave up (its time budget ran out) and journaled its webhook; the replay stores it.</summary>
    public bool IsCanceled => completion.Task.IsCanceled;

    public bool IsDone => completion.Task.IsCompleted;

    public void Complete(TResult result)
    {
        registration.Dispose();
        completion.TrySetResult(result);
    }

    public void Fail(Exception exception)
    {
        registration.Dispose();
        completion.TrySetException(exception);
    }
}

/// <summary>Completing a whole batch written together.</summary>
internal static class GroupCommitBatch
{
    /// <summary>Gives each item of <paramref name="batch"/> its result, in order.</summary>
    public static void Complete<TEntry, TResult>(this IReadOnlyList<GroupCommitItem<TEntry, TResult>> batch, IReadOnlyList<TResult> results)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete(results[i]);
        }
    }
}

/// <summary>
/// Group commit: concurrent writes queue here and a few writer loops hand them to <c>writeBatch</c> together (up to
/// <c>maxBatch</c>), so one transaction, one set of round trips and one change notice serve them all. Each request waits
/// for its own outcome, given by the batch writer; an item the writer leaves without one fails.
/// </summary>
internal sealed class GroupCommit<TEntry, TResult> : IAsyncDisposable
{
    private static readonly string SpanName = "group commit " + typeof(TEntry).Name;

    private readonly Channel<GroupCommitItem<TEntry, TResult>> queue =
        Channel.CreateUnbounded<GroupCommitItem<TEntry, TResult>>(new UnboundedChannelOptions { SingleWriter = false });

    private readonly int maxBatch;
    private readonly Func<IReadOnlyList<GroupCommitItem<TEntry, TResult>>, Task> writeBatch;
    private readonly Task[] writers;

    public GroupCommit(int writerCount, int maxBatch, Func<IReadOnlyList<GroupCommitItem<TEntry, TResult>>, Task> writeBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(writerCount);
        this.maxBatch = maxBatch;
        this.writeBatch = writeBatch;
        // The loops outlive whichever request created this writer: they must not inherit its trace.
        using (ExecutionContext.SuppressFlow())
        {
            writers = [.. Enumerable.Range(0, writerCount).Select(_ => Task.Run(WriteLoopAsync))];
        }
    }

    public Task<TResult> WriteAsync(TEntry entry, CancellationToken cancellationToken)
    {
        var item = new GroupCommitItem<TEntry, TResult>(entry, cancellationToken);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(item), this);
        return item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(writers).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<GroupCommitItem<TEntry, TResult>>(maxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var item))
            {
                if (!item.IsCanceled)
                {
                    batch.Add(item);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            Exception? failure = null;
            try
            {
                using var span = GroupCommitTracing.StartBatch(SpanName, batch);
                await writeBatch(batch).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The loop outlives any one batch; its requests hear the failure.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }

            foreach (var item in batch.Where(i => !i.IsDone))
            {
                item.Fail(failure ?? new InvalidOperationException("The batch writer gave this write no outcome."));
            }
        }
    }
}
