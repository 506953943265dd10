namespace Telephony.Data.ChangeFeed;

/// <summary>
/// Whether this instance hears the change feed. The in-process feed (SQLite) always does; on PostgreSQL it does while
/// its <c>LISTEN</c> connection is up. Readiness and the outage pager read it; the listener writes it.
/// </summary>
public sealed class ChangeFeedStatus(bool inProcess, TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private DateTimeOffset? listeningSince;
    private DateTimeOffset? lostAt;

    public bool InProcess { get; } = inProcess;

    /// <summary>A consistent reading: listening since when, or lost since when (both null before the first connection).</summary>
    public (DateTimeOffset? ListeningSince, DateTimeOffset? LostAt) Read()
    {
        lock (gate)
        {
            return (listeningSince, lostAt);
        }
    }

    public void MarkListening()
    {
        lock (gate)
        {
            listeningSince = timeProvider.GetUtcNow();
            lostAt = null;
        }
    }

    public void MarkLost()
    {
        lock (gate)
        {
            if (lostAt is null)
            {
                lostAt = timeProvider.GetUtcNow();
            }

            listeningSince = null;
        }
    }
}
