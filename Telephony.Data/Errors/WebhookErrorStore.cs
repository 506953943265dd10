using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Errors;

/// <summary>Webhook errors the Errors page and the alert rules count.</summary>
public sealed class WebhookErrorStore(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    public async Task RecordAsync(WebhookErrorKind kind, string route, string? detail, CancellationToken cancellationToken, string? callSid = null, string? errorCode = null, string? errorUrl = null, DateTimeOffset? at = null)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.WebhookErrors.Add(new WebhookError
            {
                Kind = kind,
                Route = Truncate(route, 200)!,
                Detail = Truncate(detail, 2000),
                CallSid = callSid,
                ErrorCode = Truncate(errorCode, 16),
                ErrorUrl = Truncate(errorUrl, 1000),
                At = at ?? timeProvider.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records the error unless the same one (kind, route, call, time) is already there: for a webhook replayed from
    /// the journal after its first attempt wrote the entry but timed out. <paramref name="at"/> should be whole milliseconds.
    /// </summary>
    public async Task RecordOnceAsync(WebhookErrorKind kind, string route, string? detail, string? callSid, string? errorCode, string? errorUrl, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var stored = Truncate(route, 200)!;
            if (await db.WebhookErrors.AnyAsync(e => e.Kind == kind && e.Route == stored && e.CallSid == callSid && e.At == at, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        await RecordAsync(kind, route, detail, cancellationToken, callSid, errorCode, errorUrl, at).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes signature-failure summaries with one <c>SaveChanges</c>: new ones are inserted, known ones updated in place,
    /// so each source has one entry per minute however often its count changes. Returns each summary's entry id, in order.
    /// </summary>
    public async Task<long[]> SaveSignatureSummariesAsync(IReadOnlyList<SignatureFailureSummary> summaries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = new WebhookError[summaries.Count];
            for (var i = 0; i < summaries.Count; i++)
            {
                var s = summaries[i];
                if (s.RowId is { } id)
                {
                    var row = new WebhookError { Id = id, Kind = WebhookErrorKind.SignatureFailure, Count = 0, Detail = null };
                    db.WebhookErrors.Attach(row);
                    row.Count = s.Count;
                    row.Detail = Truncate(s.Detail, 2000);
                    rows[i] = row;
                }
                else
                {
                    rows[i] = new WebhookError
                    {
                        Kind = WebhookErrorKind.SignatureFailure,
                        Route = Truncate(s.Route, 200)!,
                        Source = Truncate(s.Source, 64),
                        Count = s.Count,
                        Detail = Truncate(s.Detail, 2000),
                        At = s.At,
                    };
                    db.WebhookErrors.Add(rows[i]);
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(r => r.Id)];
        }
    }

    /// <summary>The window the Errors page shows at <paramref name="now"/>: the 60 clock minutes ending with the current one.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) PageWindow(DateTimeOffset now) => Metrics.RecentErrorsQuery.WindowFor(now);

    /// <summary>Webhook log entries in [<paramref name="from"/>, <paramref name="to"/>), newest first, read as the caller consumes them (for the CSV export).</summary>
    public async IAsyncEnumerable<WebhookError> StreamAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = db.WebhookErrors.AsNoTracking().Where(e => e.At >= from && e.At < to).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// Deletes webhook log entries older than <paramref name="entriesBefore"/>, and signature-failure summaries older than
    /// <paramref name="signatureSummariesBefore"/>; returns how many. Idempotent deletes of at most
    /// <paramref name="batchSize"/> rows each (<see cref="BatchedDelete"/>): instances running it at once only share the work.
    /// </summary>
    public async Task<int> PurgeAsync(
        DateTimeOffset entriesBefore, DateTimeOffset signatureSummariesBefore, CancellationToken cancellationToken, int batchSize = BatchedDelete.DefaultBatchSize)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var entries = await BatchedDelete.RunAsync(db, () => db.WebhookErrors
                .Where(e => db.WebhookErrors.Where(x => x.At < entriesBefore).OrderBy(x => x.Id).Select(x => x.Id).Take(batchSize).Contains(e.Id))
                .ExecuteDeleteAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            var summaries = await BatchedDelete.RunAsync(db, () => db.WebhookErrors
                .Where(e => db.WebhookErrors.Where(x => x.Kind == WebhookErrorKind.SignatureFailure && x.At < signatureSummariesBefore)
                    .OrderBy(x => x.Id).Select(x => x.Id).Take(batchSize).Contains(e.Id))
                .ExecuteDeleteAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            return entries + summaries;
        }
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
