using Microsoft.EntityFrameworkCore;

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

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
