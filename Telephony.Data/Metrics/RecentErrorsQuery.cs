using Microsoft.EntityFrameworkCore;
using Telephony.Data.Errors;

namespace Telephony.Data.Metrics;

internal static class RecentErrorsQuery
{
    private const int Minutes = 60;

    /// <summary>The 60 clock minutes ending with the current one (the last hour, aligned so buckets are whole minutes).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) WindowFor(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var currentMinute = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
        return (currentMinute.AddMinutes(1 - Minutes), currentMinute.AddMinutes(1));
    }

    public static async Task<RecentErrors> RunAsync(TelephonyDbContext db, DateTimeOffset now, int latest, CancellationToken cancellationToken)
    {
        var (from, to) = WindowFor(now);

        // Only time, kind and count come back for the histograms; bucketing by tick arithmetic works the same on both
        // providers. A signature-failure entry summarises one source's minute: its count is what it stands for.
        var entries = await db.WebhookErrors.AsNoTracking()
            .Where(e => e.At >= from && e.At < to)
            .Select(e => new { e.At, e.Kind, e.Count })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var failures = new int[Minutes];
        var signatures = new int[Minutes];
        foreach (var entry in entries)
        {
            var minute = (int)((entry.At.UtcTicks - from.UtcTicks) / TimeSpan.TicksPerMinute);
            if (WebhookErrorKinds.IsFailure(entry.Kind))
            {
                failures[minute] += entry.Count;
            }
            else if (entry.Kind == WebhookErrorKind.SignatureFailure)
            {
                signatures[minute] += entry.Count;
            }
        }

        var rows = await db.WebhookErrors.AsNoTracking()
            .Where(e => e.At >= from && e.At < to)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(latest)
            .Select(e => new ErrorRow(e.Id, e.Kind, e.Route, e.ErrorCode, e.Detail, e.CallSid, e.At))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        return new RecentErrors(failures.Sum(), Buckets(from, failures), signatures.Sum(), Buckets(from, signatures), rows);
    }

    private static List<MinuteCount> Buckets(DateTimeOffset from, int[] counts) =>
        Enumerable.Range(0, Minutes).Select(i => new MinuteCount(from.AddMinutes(i), counts[i])).ToList();
}
