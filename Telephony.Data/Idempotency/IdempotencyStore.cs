using Microsoft.EntityFrameworkCore;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> bookkeeping. Claiming a key is an insert that the primary key (scope, key) arbitrates,
/// so two instances racing on one key cannot both get <see cref="IdempotencyOutcome.New"/>.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    private const int MaxAttempts = 3;

    public Task<IdempotencyBeginResult> TryBeginAsync(string key, string scope, string requestHash, CancellationToken cancellationToken) =>
        TryBeginAsync(key, scope, requestHash, DefaultLifetime, cancellationToken);

    /// <summary>Claims <paramref name="key"/> within <paramref name="scope"/> (e.g. <c>POST /api/tenants</c>), or says why not.</summary>
    public async Task<IdempotencyBeginResult> TryBeginAsync(
        string key, string scope, string requestHash, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentNullException.ThrowIfNull(requestHash);

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    Key = key,
                    Scope = scope,
                    RequestHash = requestHash,
                    Status = IdempotencyStatus.InFlight,
                    CreatedAt = now,
                    ExpiresAt = now + lifetime,
                });
                try
                {
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return new IdempotencyBeginResult(IdempotencyOutcome.New);
                }
                catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
                {
                    db.ChangeTracker.Clear();
                }

                var existing = await db.IdempotencyRecords.AsNoTracking()
                    .FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    continue; // Removed between our insert and read (abandoned or purged): claim it again.
                }

                if (existing.ExpiresAt <= now)
                {
                    await db.IdempotencyRecords
                        .Where(r => r.Scope == scope && r.Key == key && r.ExpiresAt <= now)
                        .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
                {
                    return new IdempotencyBeginResult(IdempotencyOutcome.Mismatch);
                }

                if (existing.Status == IdempotencyStatus.InFlight)
                {
                    return new IdempotencyBeginResult(IdempotencyOutcome.InFlight);
                }

                return new IdempotencyBeginResult(
                    IdempotencyOutcome.Replay,
                    new IdempotentResponse(existing.ResponseStatus ?? 200, existing.ResponseBody, existing.ResponseContentType, existing.Location));
            }
        }

        throw new InvalidOperationException($"Could not claim idempotency key '{key}' for '{scope}' after {MaxAttempts} attempts.");
    }

    /// <summary>Stores the response for a key claimed with <see cref="IdempotencyOutcome.New"/>; false if the claim is gone.</summary>
    public async Task<bool> CompleteAsync(string key, string scope, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var updated = await db.IdempotencyRecords
                .Where(r => r.Scope == scope && r.Key == key && r.Status == IdempotencyStatus.InFlight)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.Status, IdempotencyStatus.Completed)
                        .SetProperty(r => r.ResponseStatus, response.StatusCode)
                        .SetProperty(r => r.ResponseBody, response.Body)
                        .SetProperty(r => r.ResponseContentType, response.ContentType)
                        .SetProperty(r => r.Location, response.Location),
                    cancellationToken).ConfigureAwait(false);
            return updated == 1;
        }
    }

    /// <summary>Releases an in-flight claim after the request failed, so the client may retry with the same key.</summary>
    public async Task AbandonAsync(string key, string scope, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.IdempotencyRecords
                .Where(r => r.Scope == scope && r.Key == key && r.Status == IdempotencyStatus.InFlight)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes expired keys; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
