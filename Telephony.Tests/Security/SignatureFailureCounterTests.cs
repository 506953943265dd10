using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telephony.Data.Errors;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Security;
using Telephony.Web.Twilio;

namespace Telephony.Tests.Security;

/// <summary>The in-memory signature-failure counts: per source and minute, bounded, and written as one entry per source-minute.</summary>
public abstract class SignatureFailureCounterTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 6, 10, 0, 5, TimeSpan.Zero));

    [Fact]
    public async Task A_source_is_throttled_past_its_allowance_until_the_minute_ends_and_its_minute_is_one_entry_updated_in_place()
    {
        var counter = Counter(limit: 3);
        var flusher = new SignatureFailureFlusher(counter, new WebhookErrorStore(database, time), time, NullLogger<SignatureFailureFlusher>.Instance);
        var source = "198.51.100." + Random.Shared.Next(1, 250);

        var checkedOnes = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            checkedOnes.Add(!counter.TryThrottle(source));
            counter.RecordFailure(source, "/twilio/voice/frontdoor");
        }

        Assert.All(checkedOnes, Assert.True);
        Assert.True(counter.TryThrottle(source));
        Assert.False(counter.TryThrottle("192.0.2.99")); // another source has its own allowance
        Assert.Equal(1, await flusher.FlushOnceAsync(TestContext.Current.CancellationToken));

        Assert.True(counter.TryThrottle(source));
        Assert.Equal(1, await flusher.FlushOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await flusher.FlushOnceAsync(TestContext.Current.CancellationToken)); // nothing new, nothing written

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(counter.TryThrottle(source)); // a new minute, a new allowance

        await using var db = database.CreateDbContext();
        var entry = await db.WebhookErrors.AsNoTracking().SingleAsync(e => e.Source == source, TestContext.Current.CancellationToken);
        Assert.Equal((WebhookErrorKind.SignatureFailure, 5, "/twilio/voice/frontdoor"), (entry.Kind, entry.Count, entry.Route));
        Assert.Contains("2 of them answered 429", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_is_bounded_and_the_counts_of_evicted_sources_are_still_written()
    {
        var counter = Counter(limit: 30, maxSources: 100);
        var flusher = new SignatureFailureFlusher(counter, new WebhookErrorStore(database, time), time, NullLogger<SignatureFailureFlusher>.Instance);
        var prefix = "10." + Random.Shared.Next(0, 250) + ".";
        var sources = Enumerable.Range(0, 150).Select(i => prefix + (i / 100) + "." + (i % 100)).ToList();

        foreach (var source in sources)
        {
            counter.RecordFailure(source, "/twilio/sms/reply");
        }

        counter.RecordFailure(sources[^1], "/twilio/sms/reply"); // a tracked source keeps counting

        Assert.InRange(counter.Tracked, 1, 100);
        Assert.Equal(150, await flusher.FlushOnceAsync(TestContext.Current.CancellationToken));
        await using var db = database.CreateDbContext();
        var written = await db.WebhookErrors.Where(e => e.Source!.StartsWith(prefix)).Select(e => new { e.Source, e.Count }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(151, written.Sum(e => e.Count));
        Assert.Equal(150, written.Select(e => e.Source).Distinct().Count());

        // Written and ended more than a minute ago: forgotten.
        time.Advance(TimeSpan.FromMinutes(2));
        await flusher.FlushOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, counter.Tracked);
    }

    [Fact]
    public async Task A_tick_writes_at_most_a_thousand_entries_and_the_rest_follow_on_the_next_ticks()
    {
        var counter = Counter(limit: 30);
        var flusher = new SignatureFailureFlusher(counter, new WebhookErrorStore(database, time), time, NullLogger<SignatureFailureFlusher>.Instance);
        var prefix = "172." + Random.Shared.Next(16, 31) + ".";
        foreach (var i in Enumerable.Range(0, 1200))
        {
            counter.RecordFailure(prefix + (i / 250) + "." + (i % 250), "/twilio/voice/status");
        }

        var ticks = new[]
        {
            await flusher.FlushOnceAsync(TestContext.Current.CancellationToken),
            await flusher.FlushOnceAsync(TestContext.Current.CancellationToken),
            await flusher.FlushOnceAsync(TestContext.Current.CancellationToken),
        };

        Assert.Equal([SignatureFailureFlusher.MaxPerTick, 200, 0], ticks);
    }

    private SignatureFailureCounter Counter(int limit, int maxSources = SignatureFailureCounter.MaxSources) =>
        new(Options.Create(new SecurityOptions { RateLimits = new() { BadSignaturesPerMinute = limit } }), time, maxSources);
}

public sealed class SqliteSignatureFailureCounterTests(SqliteDatabase database) : SignatureFailureCounterTests<SqliteDatabase>(database);

public sealed class PostgresSignatureFailureCounterTests(PostgresDatabase database) : SignatureFailureCounterTests<PostgresDatabase>(database);
