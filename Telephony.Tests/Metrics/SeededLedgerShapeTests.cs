using Microsoft.EntityFrameworkCore;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Seeding;
using Telephony.Tests.Hotline;

namespace Telephony.Tests.Metrics;

/// <summary>The seed's consent ledger entries are the ones the call flow writes for the same call, entry for entry.</summary>
public abstract class SeededLedgerShapeTests
{
    protected abstract HotlineHarness Hotline { get; }

    public static TheoryData<string[], string, ConsentState> Calls => new()
    {
        { ["9"], "en", ConsentState.Granted }, // stays on after the disclosure, then voicemail
        { ["0", "9"], "fr", ConsentState.Granted }, // French first
        { ["8", "9"], "en", ConsentState.Withdrawn }, // presses 8 at the first menu
        { ["0", "8", "9"], "fr", ConsentState.Withdrawn }, // French, then 8 at the next menu
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_seeded_call_has_the_ledger_entries_the_call_flow_writes_for_the_same_call(string[] keys, string language, ConsentState state)
    {
        var ct = TestContext.Current.CancellationToken;
        var real = await Hotline.CallAsync(HotlineHarness.Caller(keys));
        var call = await Hotline.EventuallyAsync(
            db => db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == real.CallSid, ct), c => c.EndedAt is not null);
        var entries = await Hotline.QueryAsync(db => db.ConsentRecords.AsNoTracking().Where(r => r.CallSid == real.CallSid).OrderBy(r => r.Id).ToListAsync(ct));

        var seeded = SyntheticConsent.Records(new Call
        {
            CallSid = call.CallSid, From = call.From, Language = call.Language, ConsentState = call.ConsentState, CreatedAt = call.CreatedAt,
            EndedAt = call.EndedAt, Version = call.Version,
        }).ToList();

        Assert.Equal((language, state), (call.Language, call.ConsentState));
        Assert.Equal(state == ConsentState.Withdrawn ? 2 : 1, entries.Count);
        Assert.Equal(Shape(entries), Shape(seeded));
        Assert.Equal(entries.Select(e => e.RecordedAt).Order(), entries.Select(e => e.RecordedAt));
        Assert.Equal(seeded.Select(e => e.RecordedAt).Order(), seeded.Select(e => e.RecordedAt));
    }

    private static List<(string, string, ConsentDecision, string, string, string, string)> Shape(IEnumerable<ConsentRecord> entries) =>
        [.. entries.Select(e => (e.CallSid, e.CallerNumber, e.Decision, e.Method, e.PromptVersion, e.Language, e.Jurisdiction))];
}

public sealed class SqliteSeededLedgerShapeTests(SqliteHotlineFixture fixture) : SeededLedgerShapeTests, IClassFixture<SqliteHotlineFixture>
{
    protected override HotlineHarness Hotline => fixture.Hotline;
}

public sealed class PostgresSeededLedgerShapeTests(PostgresHotlineFixture fixture) : SeededLedgerShapeTests, IClassFixture<PostgresHotlineFixture>
{
    protected override HotlineHarness Hotline => fixture.Hotline;
}
