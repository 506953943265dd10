using Telephony.Core.Consent;
using Telephony.Data.Consent;

namespace Telephony.Data.Metrics.Rollups;

/// <summary>
/// Counts the parent calls created in a range of whole hours into one <see cref="CallHourRollup"/> per hour and
/// language, with the same classifier, counts and consent tally as the pages' own reads of the calls.
/// </summary>
internal sealed class HourRollupBuilder : IConsentLedgerSink
{
    private readonly Dictionary<(DateTimeOffset Hour, string Language), CallHourRollup> rows = [];
    private readonly Dictionary<DateTimeOffset, ConsentTally> consent = [];

    public static async Task<IReadOnlyList<CallHourRollup>> BuildAsync(
        TelephonyDbContext db, DateTimeOffset from, DateTimeOffset to, CallMetricsOptions options, CancellationToken cancellationToken)
    {
        var builder = new HourRollupBuilder();
        await foreach (var call in WindowFold.Stream(db, from, to).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var hour = HourMath.Floor(call.Facts.CreatedAt);
            builder.RowOf(hour, call.Language).Add(call.Facts, CallOutcomeClassifier.Classify(call.Facts, options), options);
            if (!call.Facts.RateLimited)
            {
                builder.TallyOf(hour).AddCall(call.Facts.CreatedAt, call.Language, call.ConsentState);
            }
        }

        await ConsentMetricsQuery.AddLedgerAsync(db, builder, from, to, cancellationToken).ConfigureAwait(false);
        return builder.Build();
    }

    public void AddDecision(string callSid, DateTimeOffset createdAt, string language, ConsentState state, ConsentDecision decision) =>
        TallyOf(HourMath.Floor(createdAt)).AddDecision(callSid, createdAt, language, state, decision);

    public void AddRecording(DateTimeOffset createdAt, string language) =>
        TallyOf(HourMath.Floor(createdAt)).AddRecording(createdAt, language);

    private List<CallHourRollup> Build()
    {
        // Each hour's tally is in UTC, so its one day's breakdown is the hour's figures per language.
        foreach (var (hour, tally) in consent)
        {
            foreach (var group in tally.Breakdown())
            {
                var row = RowOf(hour, group.Language);
                row.ConsentHeard = group.Counts.HeardDisclosure;
                row.ConsentStood = group.Counts.ConsentStood;
                row.ConsentWithdrawn = group.Counts.Withdrawn;
                row.RecordingsWithoutConsent = group.Counts.RecordingsWithoutConsent;
            }
        }

        return rows.Values.OrderBy(r => r.HourStart).ThenBy(r => r.Language, StringComparer.Ordinal).ToList();
    }

    private CallHourRollup RowOf(DateTimeOffset hour, string language)
    {
        if (!rows.TryGetValue((hour, language), out var row))
        {
            row = new CallHourRollup { HourStart = hour, Language = language };
            rows.Add((hour, language), row);
        }

        return row;
    }

    private ConsentTally TallyOf(DateTimeOffset hour)
    {
        if (!consent.TryGetValue(hour, out var tally))
        {
            tally = new ConsentTally(TimeZoneInfo.Utc);
            consent.Add(hour, tally);
        }

        return tally;
    }
}
