using Microsoft.Extensions.Time.Testing;
using Telephony.Data.ChangeFeed;
using Telephony.Web.Components.Common;

namespace Telephony.Tests.Components;

/// <summary>
/// Screens that redraw for the same change share one read; a first load, a later change, a failed read or an old one
/// get a read of their own; a screen that closes does not stop the read the others wait for.
/// </summary>
public sealed class SharedReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly Feed feed = new() { Sequence = 5 };
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Redraws_for_the_same_change_share_one_read()
    {
        using var shared = new Counting(feed, time);

        var first = shared.GetAsync(5, Ct);
        var second = shared.GetAsync(5, Ct);
        var third = shared.GetAsync(4, Ct);
        shared.Finish(42);

        var values = await Task.WhenAll(first, second, third);
        Assert.Equal([42, 42, 42], values);
        Assert.Equal(1, shared.Reads);

        // Done, and still the latest: a screen whose batch of notices settled later takes it too.
        Assert.Equal(42, await shared.GetAsync(5, Ct));
        Assert.Equal(1, shared.Reads);
    }

    [Fact]
    public async Task A_change_announced_after_a_read_started_gets_a_new_read()
    {
        using var shared = new Counting(feed, time);
        var before = shared.GetAsync(5, Ct);
        shared.WaitUntilStarted(1);

        feed.Sequence = 6;
        var after = shared.GetAsync(6, Ct);
        shared.Finish(1);
        shared.Finish(2);

        Assert.Equal(1, await before);
        Assert.Equal(2, await after);
        Assert.Equal(2, shared.Reads);
    }

    [Fact]
    public async Task A_first_load_always_reads_afresh_and_later_redraws_may_share_it()
    {
        using var shared = new Counting(feed, time);

        var first = shared.GetAsync(null, Ct);
        shared.WaitUntilStarted(1);
        var second = shared.GetAsync(null, Ct);
        shared.WaitUntilStarted(2);
        var redraw = shared.GetAsync(5, Ct);
        shared.Finish(1);
        shared.Finish(2);

        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
        Assert.Equal(2, await redraw);
        Assert.Equal(2, shared.Reads);
    }

    [Fact]
    public async Task A_failed_read_is_not_handed_out_again()
    {
        using var shared = new Counting(feed, time);
        var failed = shared.GetAsync(5, Ct);
        shared.WaitUntilStarted(1);
        shared.Fail(new TimeoutException("database away"));
        await Assert.ThrowsAsync<TimeoutException>(() => failed);

        var retried = shared.GetAsync(5, Ct);
        shared.Finish(7);

        Assert.Equal(7, await retried);
        Assert.Equal(2, shared.Reads);
    }

    [Fact]
    public async Task A_read_older_than_its_age_limit_is_not_handed_out()
    {
        using var shared = new Counting(feed, time);
        var first = shared.GetAsync(5, Ct);
        shared.Finish(1);
        Assert.Equal(1, await first);

        time.Advance(SharedRead<int>.MaxAge);
        var later = shared.GetAsync(5, Ct);
        shared.Finish(2);

        Assert.Equal(2, await later);
        Assert.Equal(2, shared.Reads);
    }

    [Fact]
    public async Task A_screen_that_closes_stops_waiting_and_the_read_goes_on_for_the_others()
    {
        using var shared = new Counting(feed, time);
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var closed = shared.GetAsync(5, closing.Token);
        var open = shared.GetAsync(5, Ct);

        await closing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => closed);
        shared.Finish(3);

        Assert.Equal(3, await open);
        Assert.Equal(1, shared.Reads);
    }

    /// <summary>Reads that finish when the test says, in the order they started.</summary>
    private sealed class Counting(IChangeFeed feed, TimeProvider time) : SharedRead<int>(feed, time)
    {
        private readonly Queue<TaskCompletionSource<int>> pending = new();
        private readonly SemaphoreSlim started = new(0);
        private int startedCount;

        /// <summary>Reads start on the thread pool: a test that starts two waits for the first, so they finish in order.</summary>
        public void WaitUntilStarted(int count)
        {
            if (!SpinWait.SpinUntil(() => Volatile.Read(ref startedCount) >= count, TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"{count} reads did not start");
            }
        }

        public void Finish(int value) => Next().SetResult(value);

        public void Fail(Exception exception) => Next().SetException(exception);

        protected override Task<int> ReadAsync(CancellationToken cancellationToken)
        {
            var read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (pending)
            {
                pending.Enqueue(read);
            }

            Interlocked.Increment(ref startedCount);
            started.Release();
            return read.Task;
        }

        protected override void Dispose(bool disposing)
        {
            started.Dispose();
            base.Dispose(disposing);
        }

        private TaskCompletionSource<int> Next()
        {
            // Reads start on the thread pool: wait for the next one to have started.
            if (!started.Wait(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException("no read started");
            }

            lock (pending)
            {
                return pending.Dequeue();
            }
        }
    }

    private sealed class Feed : IChangeFeed
    {
        public long Sequence { get; set; }

        public ChangeSubscription Subscribe(int capacity = ChangeSubscription.DefaultCapacity) => throw new NotSupportedException();

        public ValueTask PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
