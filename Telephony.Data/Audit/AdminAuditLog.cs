using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Audit;

/// <summary>
/// Append-only record of what admins did (exports, plays, deletions, user changes, provisioning actions): entries are added and
/// read; none is ever changed (the context rejects it), and only the retention purge removes entries past their age.
/// </summary>
public sealed class AdminAuditLog(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    public const int MaxPageSize = 500;

    public async Task RecordAsync(string? userId, string? userEmail, string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.AdminAuditEntries.Add(Entry(userId, userEmail, action, target, detail, timeProvider.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An entry to add in the same transaction as the change it records (so there is never one without the other).</summary>
    public static AdminAuditEntry Entry(string? userId, string? userEmail, string action, string? target, string? detail, DateTimeOffset at) => new()
    {
        UserId = Clip(userId, 450),
        UserEmail = Clip(userEmail, 256),
        Action = Clip(action, 64) ?? "",
        Target = Clip(target, 256),
        Detail = Clip(detail, 2000),
        At = at,
    };

    /// <summary>One page of entries matching <paramref name="filter"/>, newest first, and how many match in all.</summary>
    public async Task<AuditLogPage> QueryAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var query = Filtered(db.AdminAuditEntries.AsNoTracking(), filter);
            var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
            var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return new AuditLogPage(rows, total);
        }
    }

    /// <summary>Every entry matching <paramref name="filter"/>, newest first, up to <paramref name="max"/> (for the CSV export).</summary>
    public async Task<IReadOnlyList<AdminAuditEntry>> ExportAsync(AuditFilter filter, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await Filtered(db.AdminAuditEntries.AsNoTracking(), filter).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The distinct actions recorded so far (for the page's filter).</summary>
    public async Task<IReadOnlyList<string>> ListActionsAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.AdminAuditEntries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Retention: deletes entries recorded before <paramref name="cutoff"/> (the only way an entry ever leaves the log).</summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.AdminAuditEntries.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static IQueryable<AdminAuditEntry> Filtered(IQueryable<AdminAuditEntry> query, AuditFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            // Parameterised and case-insensitive on both providers.
            var user = filter.User.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(); culture overloads do not translate.
            query = query.Where(e => e.UserEmail != null && e.UserEmail.ToLower().Contains(user));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.At < to);
        }

        return query;
    }

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>What the audit page and export show: an action, a user (email contains), a time range [From, To).</summary>
public sealed record AuditFilter(string? Action = null, string? User = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>One page of the audit log and the number of matching entries.</summary>
public sealed record AuditLogPage(IReadOnlyList<AdminAuditEntry> Entries, int Total);
