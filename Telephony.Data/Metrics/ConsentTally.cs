using Telephony.Core.Consent;
using Telephony.Data.Consent;

namespace Telephony.Data.Metrics;

/// <summary>
/// Folds consent facts by (day in the zone, language) without a per-call lookup: every offered call of the window once
/// (<see cref="AddCall"/>), then the window's caller decisions (<see cref="AddDecision"/>, a call may have several) and
/// recorded transfers of calls without granted consent (<see cref="AddRecording"/>), each read by a join.
/// </summary>
internal sealed class ConsentTally(TimeZoneInfo zone) : IConsentLedgerSink
{
    private readonly Dictionary<(DateOnly Day, string Language), Counts> groups = [];
    private readonly HashSet<string> heard = new(StringComparer.Ordinal);
    private readonly HashSet<string> withdrew = new(StringComparer.Ordinal);

    /// <summary>An offered call of the window.</summary>
    public void AddCall(DateTimeOffset createdAt, string language, ConsentState state)
    {
        var counts = GroupOf(createdAt, language);
        if (state == ConsentState.Withdrawn)
        {
            counts.Withdrawn++;
        }
    }

    /// <summary>A caller decision (not <see cref="ConsentDecision.NotRecorded"/>) on an offered call of the window.</summary>
    public void AddDecision(string callSid, DateTimeOffset createdAt, string language, ConsentState state, ConsentDecision decision)
    {
        var counts = GroupOf(createdAt, language);
        if (heard.Add(callSid))
        {
            counts.Heard++;
            if (state == ConsentState.Granted)
            {
                counts.Stood++;
            }
        }

        // A withdrawn state is already counted by AddCall.
        if (decision == ConsentDecision.Withdrawn && state != ConsentState.Withdrawn && withdrew.Add(callSid))
        {
            counts.Withdrawn++;
        }
    }

    /// <summary>A recorded transfer on an offered call of the window whose consent is not granted.</summary>
    public void AddRecording(DateTimeOffset createdAt, string language) => GroupOf(createdAt, language).Recordings++;

    /// <summary>
    /// An hour's rollup of calls not passed to <see cref="AddCall"/>: its day is the hour's start in the zone (the
    /// caller reads an hour in which a local midnight falls from the calls instead).
    /// </summary>
    public void AddRollup(Rollups.CallHourRollup rollup)
    {
        // A day and language appear once an offered call of theirs does, as in AddCall.
        if (rollup.Offered == 0)
        {
            return;
        }

        var counts = GroupOf(rollup.HourStart, rollup.Language);
        counts.Heard += rollup.ConsentHeard;
        counts.Stood += rollup.ConsentStood;
        counts.Withdrawn += rollup.ConsentWithdrawn;
        counts.Recordings += rollup.RecordingsWithoutConsent;
    }

    public ConsentCounts Totals() => Sum(groups.Values);

    public IReadOnlyList<ConsentBreakdown> Breakdown() =>
        groups
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Language, StringComparer.Ordinal)
            .Select(g => new ConsentBreakdown(g.Key.Day, g.Key.Language, Sum([g.Value])))
            .ToList();

    private static ConsentCounts Sum(IEnumerable<Counts> counts)
    {
        int heardCount = 0, stood = 0, withdrawn = 0, recordings = 0;
        foreach (var c in counts)
        {
            heardCount += c.Heard;
            stood += c.Stood;
            withdrawn += c.Withdrawn;
            recordings += c.Recordings;
        }

        return new ConsentCounts(heardCount, stood, withdrawn, recordings);
    }

    private Counts GroupOf(DateTimeOffset createdAt, string language)
    {
        var key = (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(createdAt, zone).DateTime), language);
        if (!groups.TryGetValue(key, out var counts))
        {
            counts = new Counts();
            groups.Add(key, counts);
        }

        return counts;
    }

    private sealed class Counts
    {
        public int Heard;
        public int Stood;
        public int Withdrawn;
        public int Recordings;
    }
}
