using Microsoft.EntityFrameworkCore;
using Telephony.Core.Alerts;
using Telephony.Data.Audit;

namespace Telephony.Data.Settings;

/// <summary>
/// The thresholds admins changed, read and written. A save writes the changed rows and one audit entry per changed
/// setting (old and new value, who) in one transaction; the change feed then tells every instance to reload.
/// </summary>
public sealed class ThresholdStore(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    public const string AuditAction = "setting-change";

    /// <summary>The stored values by key (stored units).</summary>
    public async Task<IReadOnlyDictionary<string, double>> LoadAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.StoredThresholds.AsNoTracking().ToDictionaryAsync(t => t.Key, t => t.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes <paramref name="wanted"/> the values in force (stored units, known keys only; validate first). A value equal to
    /// its configured default removes the stored row, so the setting follows configuration again. Returns what changed,
    /// against the values in force just before (read in the same unit of work).
    /// </summary>
    public async Task<IReadOnlyList<ThresholdChange>> SaveAsync(
        IReadOnlyDictionary<string, double> wanted,
        IReadOnlyDictionary<string, double> defaults,
        string? userId,
        string? userEmail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(defaults);
        var now = timeProvider.GetUtcNow();
        var changes = new List<ThresholdChange>();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = await db.StoredThresholds.ToDictionaryAsync(t => t.Key, cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in wanted)
            {
                var setting = ThresholdCatalogue.Find(key) ?? throw new ArgumentException($"Unknown setting {key}.", nameof(wanted));
                var fallback = defaults[key];
                var row = rows.GetValueOrDefault(key);
                var old = row is not null && setting.Allows(row.Value) ? row.Value : fallback;
                if (Same(old, value) && (row is null) == Same(value, fallback))
                {
                    continue;
                }

                if (Same(value, fallback))
                {
                    if (row is not null)
                    {
                        db.StoredThresholds.Remove(row);
                    }
                }
                else if (row is null)
                {
                    db.StoredThresholds.Add(new StoredThreshold { Key = key, Value = value, UpdatedAt = now, UpdatedBy = userEmail });
                }
                else
                {
                    row.Value = value;
                    row.UpdatedAt = now;
                    row.UpdatedBy = userEmail;
                }

                if (!Same(old, value))
                {
                    changes.Add(new ThresholdChange(key, old, value));
                    var detail = $"{setting.Describe(old)} -> {setting.Describe(value)}" + (Same(value, fallback) ? " (default)" : "");
                    db.AdminAuditEntries.Add(AdminAuditLog.Entry(userId, userEmail, AuditAction, key, detail, now));
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return changes;
    }

    private static bool Same(double a, double b) => Math.Abs(a - b) < 1e-9;
}

/// <summary>A setting that changed: its key and its old and new values in force (stored units).</summary>
public sealed record ThresholdChange(string Key, double Old, double New);
