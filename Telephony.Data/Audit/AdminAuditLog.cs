using Microsoft.EntityFrameworkCore;

namespace Telephony.Data.Audit;

/// <summary>Append-only record of what admins did (exports, plays, user changes, provisioning actions).</summary>
public sealed class AdminAuditLog(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    public async Task RecordAsync(string? userId, string? userEmail, string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.AdminAuditEntries.Add(new AdminAuditEntry
            {
                UserId = userId,
                UserEmail = userEmail,
                Action = action,
                Target = target,
                Detail = detail,
                At = timeProvider.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
