using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Telephony.Web.Security;

namespace Telephony.Web.Twilio;

/// <summary>
/// Requests refused for their signature, counted in memory per source address and clock minute: a flood of unsigned or
/// forged requests costs a dictionary update each, never a database write. Past
/// <c>Security:RateLimits:BadSignaturesPerMinute</c> a source is answered 429 unchecked for the rest of the minute.
/// <see cref="SignatureFailureFlusher"/> writes one summary entry per source and minute from these counts.
/// </summary>
/// <remarks>
/// Memory is bounded: at most <see cref="MaxSources"/> source-minutes are tracked; past that the oldest minutes go first
/// (handed to the flusher, up to the same bound, so their counts are still written).
/// </remarks>
/// <param name="options">The allowance per source and minute.</param>
/// <param name="time">The clock.</param>
/// <param name="maxSources">The bound on tracked source-minutes (<see cref="MaxSources"/>; smaller in tests).</param>
internal sealed class SignatureFailureCounter(IOptions<SecurityOptions> options, TimeProvider time, int maxSources = SignatureFailureCounter.MaxSources)
{
    public const int MaxSources = 10_000;

    /// <summary>The source of a request without a remote address (an in-process host).</summary>
    public const string UnknownSource = "unknown";

    private readonly ConcurrentDictionary<(string Source, long Minute), SourceMinute> minutes = new();
    private readonly ConcurrentQueue<SourceMinute> evicted = new();
    private int evicting;

    /// <summary>
    /// The address a request is counted under, after the forwarded-headers middleware (trusted proxies only): the
    /// IPv4 address, or the /64 of an IPv6 address (one host's share of a network, which rotates freely within it).
    /// </summary>
    public static string SourceOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return UnknownSource;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>True when <paramref name="source"/> is past its allowance this minute: answer 429 without checking. Counted.</summary>
    public bool TryThrottle(string source)
    {
        if (minutes.TryGetValue((source, CurrentMinute()), out var entry) && entry.Failures >= options.Value.RateLimits.BadSignaturesPerMinute)
        {
            entry.AddThrottled();
            return true;
        }

        return false;
    }

    /// <summary>Counts a request whose signature did not verify; true for the source's first one this minute (log it).</summary>
    public bool RecordFailure(string source, string route)
    {
        var minute = CurrentMinute();
        var now = time.GetUtcNow();
        var entry = minutes.GetOrAdd((source, minute), static (key, state) => new SourceMinute(key.Source, state.route, state.now, key.Minute), (route, now));
        var first = entry.AddFailure() == 1;
        if (minutes.Count > maxSources)
        {
            Evict();
        }

        return first;
    }

    /// <summary>Source-minutes tracked now (for tests and the flusher).</summary>
    public int Tracked => minutes.Count;

    /// <summary>Everything tracked, and the evicted counts still to be written; the flusher's view.</summary>
    internal IEnumerable<SourceMinute> Snapshot()
    {
        while (evicted.TryDequeue(out var gone))
        {
            yield return gone;
        }

        foreach (var entry in minutes.Values)
        {
            yield return entry;
        }
    }

    /// <summary>Drops a source-minute whose count is written and that ended more than a minute ago.</summary>
    internal void Forget(SourceMinute entry)
    {
        if (entry.Minute < CurrentMinute() - 1)
        {
            minutes.TryRemove(new KeyValuePair<(string, long), SourceMinute>((entry.Source, entry.Minute), entry));
        }
    }

    internal bool IsTracked(SourceMinute entry) =>
        minutes.TryGetValue((entry.Source, entry.Minute), out var tracked) && ReferenceEquals(tracked, entry);

    internal void Requeue(SourceMinute entry)
    {
        if (evicted.Count < maxSources)
        {
            evicted.Enqueue(entry);
        }
    }

    private long CurrentMinute() => time.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;

    /// <summary>Removes the oldest tenth of the tracked source-minutes (one sort per thousand new sources, not per request).</summary>
    private void Evict()
    {
        if (Interlocked.Exchange(ref evicting, 1) == 1)
        {
            return;
        }

        try
        {
            var excess = minutes.Count - (maxSources * 9 / 10);
            foreach (var key in minutes.ToArray().OrderBy(e => e.Key.Minute).ThenBy(e => e.Value.At).Take(Math.Max(excess, 0)).Select(e => e.Key))
            {
                // Handed over even when written: a request may still be adding to it (the flusher drops it once written).
                if (minutes.TryRemove(key, out var gone))
                {
                    Requeue(gone);
                }
            }
        }
        finally
        {
            Volatile.Write(ref evicting, 0);
        }
    }
}

/// <summary>One source's refused requests in one clock minute; the counts are updated lock-free by the requests.</summary>
internal sealed class SourceMinute(string source, string route, DateTimeOffset at, long minute)
{
    private long failures;
    private long throttled;

    public string Source { get; } = source;

    public string Route { get; } = route;

    /// <summary>The first refused request of the minute.</summary>
    public DateTimeOffset At { get; } = at;

    /// <summary>The clock minute, in minutes since 0001-01-01 UTC.</summary>
    public long Minute { get; } = minute;

    public long Failures => Interlocked.Read(ref failures);

    public long Throttled => Interlocked.Read(ref throttled);

    /// <summary>The flusher's: the entry written for this source-minute, once written.</summary>
    public long? RowId { get; set; }

    /// <summary>The flusher's: the count last written.</summary>
    public long Written { get; set; }

    public long AddFailure() => Interlocked.Increment(ref failures);

    public void AddThrottled() => Interlocked.Increment(ref throttled);
}
