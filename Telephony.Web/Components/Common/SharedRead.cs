using Telephony.Data.ChangeFeed;

namespace Telephony.Web.Components.Common;

/// <summary>
/// One read shared by every open console of this instance that redraws for the same change. Each console redraws once
/// per burst of change notices (<see cref="LiveComponentBase"/>); with the same page open on many screens, each would
/// read the same figures again. A redraw for the notices numbered up to <c>n</c> (<see cref="ChangeSubscription.LastSequence"/>)
/// takes the latest read that started once notice <c>n</c> was out, running or done, and starts one only when there is
/// none. A first load, or a redraw after a person's own action, always reads afresh.
/// </summary>
/// <remarks>
/// A read runs on its own, not on the console that started it: a console that closes stops waiting, and the read goes on
/// for the others. A failed read is never handed out again.
/// </remarks>
public abstract class SharedRead<T> : IDisposable
{
    /// <summary>A read is handed out for this long at most: the pages' windows move with the clock, not only with changes.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly IChangeFeed feed;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Started? latest;
    private long reads;

    protected SharedRead(IChangeFeed feed, TimeProvider time)
    {
        this.feed = feed;
        this.time = time;
    }

    /// <summary>Reads started so far.</summary>
    public long Reads => Interlocked.Read(ref reads);

    /// <param name="changedThrough">
    /// The last notice the caller redraws for; null for a first load or after a person's action.
    /// </param>
    /// <param name="cancellationToken">Stops this caller's wait, not the read.</param>
    public Task<T> GetAsync(long? changedThrough, CancellationToken cancellationToken)
    {
        Task<T> read;
        lock (gate)
        {
            if (changedThrough is { } through && latest is { } last && last.Through >= through && Usable(last))
            {
                read = last.Read;
            }
            else
            {
                // The number first: a notice out before the read starts is then one whose change the read sees.
                var startedThrough = feed.Sequence;
                read = Task.Run(() => ReadAsync(stopping.Token), stopping.Token);
                latest = new Started(startedThrough, time.GetTimestamp(), read);
                reads++;
            }
        }

        return read.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            stopping.Cancel();
            stopping.Dispose();
        }
    }

    /// <summary>The read itself.</summary>
    protected abstract Task<T> ReadAsync(CancellationToken cancellationToken);

    private bool Usable(Started started) =>
        !started.Read.IsFaulted && !started.Read.IsCanceled && time.GetElapsedTime(started.At) < MaxAge;

    private sealed record Started(long Through, long At, Task<T> Read);
}
