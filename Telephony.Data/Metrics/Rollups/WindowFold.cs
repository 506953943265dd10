using Microsoft.EntityFrameworkCore;
using Telephony.Core.Consent;
using Telephony.Data.Consent;

namespace Telephony.Data.Metrics.Rollups;

/// <summary>
/// Counts several windows in one go: the rollup rows of the union of their rolled-up hours in one read, the calls of
/// the union of their other ranges streamed once (each classified once), and, for consent windows, the ledger of those
/// ranges. Every call and every rollup row goes to the windows that count it from there (<see cref="MetricsWindow"/>),
/// so a window's figures are those of its calls read one by one.
/// </summary>
internal static class WindowFold
{
    /// <summary>
    /// Where the rollup rows may be read for <paramref name="options"/>: <see cref="RollupState.FoldedThrough"/> when
    /// they were counted with those thresholds; otherwise only up to <see cref="RollupState.DetailDeletedBefore"/>, the
    /// hours whose calls retention deleted (their rows are all there is, counted with the thresholds of their time), the
    /// rest read call by call. Null when there is no pass yet.
    /// </summary>
    public static async Task<DateTimeOffset?> FoldedThroughAsync(TelephonyDbContext db, CallMetricsOptions options, CancellationToken cancellationToken)
    {
        var state = await db.Set<RollupState>().AsNoTracking()
            .Where(s => s.Id == RollupState.SingletonId)
            .Select(s => new RollupState
            {
                FoldedThrough = s.FoldedThrough,
                DetailDeletedBefore = s.DetailDeletedBefore,
                ServiceLevelThresholdTicks = s.ServiceLevelThresholdTicks,
                ShortAbandonTicks = s.ShortAbandonTicks,
            })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        return state.CountedWith(options) ? state.FoldedThrough : state.DetailDeletedBefore;
    }

    public static async Task RunAsync(TelephonyDbContext db, IReadOnlyList<WindowSink> sinks, CallMetricsOptions options, CancellationToken cancellationToken)
    {
        var rolled = sinks.Where(s => s.Window.HasRollups).ToList();
        if (rolled.Count > 0)
        {
            var from = rolled.Min(s => s.Window.RollupFrom);
            var to = rolled.Max(s => s.Window.RollupTo);
            await foreach (var rollup in db.Set<CallHourRollup>().AsNoTracking()
                .Where(r => r.HourStart >= from && r.HourStart < to)
                .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var sink in rolled)
                {
                    if (sink.Window.FromRollup(rollup.HourStart))
                    {
                        sink.OnRollup?.Invoke(rollup);
                        sink.Consent?.AddRollup(rollup);
                    }
                }
            }
        }

        foreach (var (from, to) in Merge(sinks.SelectMany(s => s.Window.CallRanges())))
        {
            await foreach (var row in Stream(db, from, to).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var outcome = CallOutcomeClassifier.Classify(row.Facts, options);
                foreach (var sink in sinks)
                {
                    if (!sink.Window.FromCalls(row.Facts.CreatedAt))
                    {
                        continue;
                    }

                    sink.OnCall?.Invoke(row.Facts, outcome);
                    if (sink.Consent is { } consent && !row.Facts.RateLimited)
                    {
                        consent.AddCall(row.Facts.CreatedAt, row.Language, row.ConsentState);
                    }
                }
            }
        }

        var consentSinks = sinks.Where(s => s.Consent is not null).ToList();
        if (consentSinks.Count > 0)
        {
            var ledger = new LedgerDispatch(consentSinks);
            foreach (var (from, to) in Merge(consentSinks.SelectMany(s => s.Window.CallRanges())))
            {
                await ConsentMetricsQuery.AddLedgerAsync(db, ledger, from, to, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The parent calls created in <c>[from, to)</c>, streamed (constant memory, whatever the window).</summary>
    public static IAsyncEnumerable<CallRow> Stream(TelephonyDbContext db, DateTimeOffset from, DateTimeOffset to) =>
        db.Calls.AsNoTracking()
            .Where(c => c.ParentCallSid == null && c.CreatedAt >= from && c.CreatedAt < to)
            .Select(c => new CallRow(
                new CallFacts(
                    c.CreatedAt,
                    c.EndedAt,
                    c.TransferStartedAt,
                    c.TransferAnsweredAt,
                    c.DialCallStatus,
                    c.DialCallDuration,
                    c.ReachedVoicemail,
                    c.RateLimited),
                c.Language,
                c.ConsentState))
            .AsAsyncEnumerable();

    /// <summary>Sorted, with overlapping and touching ranges joined.</summary>
    internal static List<(DateTimeOffset From, DateTimeOffset To)> Merge(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> ranges)
    {
        var merged = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var range in ranges.Where(r => r.To > r.From).OrderBy(r => r.From))
        {
            if (merged.Count > 0 && range.From <= merged[^1].To)
            {
                if (range.To > merged[^1].To)
                {
                    merged[^1] = (merged[^1].From, range.To);
                }
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private sealed class LedgerDispatch(IReadOnlyList<WindowSink> sinks) : IConsentLedgerSink
    {
        public void AddDecision(string callSid, DateTimeOffset createdAt, string language, ConsentState state, ConsentDecision decision)
        {
            foreach (var sink in sinks)
            {
                if (sink.Window.FromCalls(createdAt))
                {
                    sink.Consent!.AddDecision(callSid, createdAt, language, state, decision);
                }
            }
        }

        public void AddRecording(DateTimeOffset createdAt, string language)
        {
            foreach (var sink in sinks)
            {
                if (sink.Window.FromCalls(createdAt))
                {
                    sink.Consent!.AddRecording(createdAt, language);
                }
            }
        }
    }
}
