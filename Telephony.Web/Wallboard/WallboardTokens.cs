using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Telephony.Data;
using Telephony.Data.Audit;
using Telephony.Data.Wallboard;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Wallboard;

/// <summary>
/// Read-only wallboard links made by admins: the token is shown once; only its SHA-256 hash and a prefix are stored.
/// Making and revoking one is audited. A token opens the wallboard and nothing else.
/// </summary>
public sealed class WallboardTokens(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    private const string TokenPrefix = "wb_";

    /// <summary>Longer than any token this class makes; anything longer is refused without a query.</summary>
    private const int MaxTokenLength = 128;

    /// <summary>Creates a token and returns it in full: the only time anyone sees it.</summary>
    public async Task<(WallboardToken Token, string Secret)> CreateAsync(string name, AdminActor createdBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(createdBy);
        var secret = TokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var trimmed = name.Trim();
        var token = new WallboardToken
        {
            Id = Guid.CreateVersion7(),
            Name = trimmed[..Math.Min(128, trimmed.Length)],
            TokenHash = Hash(secret),
            Prefix = secret[..10],
            CreatedBy = createdBy.Email,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.WallboardTokens.Add(token);
            db.AdminAuditEntries.Add(AdminAuditLog.Entry(createdBy.UserId, createdBy.Email, "wallboard-token-create", token.Name, $"token {token.Id} ({token.Prefix}…)", token.CreatedAt));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return (token, secret);
    }

    public async Task<IReadOnlyList<WallboardToken>> ListAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.WallboardTokens.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Revokes a token (open wallboards using it stop at their next refresh); false when it is unknown or already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid id, AdminActor revokedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revokedBy);
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var token = await db.WallboardTokens.FirstOrDefaultAsync(t => t.Id == id && t.RevokedAt == null, cancellationToken).ConfigureAwait(false);
            if (token is null)
            {
                return false;
            }

            token.RevokedAt = now;
            db.AdminAuditEntries.Add(AdminAuditLog.Entry(revokedBy.UserId, revokedBy.Email, "wallboard-token-revoke", token.Name, $"token {token.Id} ({token.Prefix}…)", now));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>True when <paramref name="secret"/> is a token an admin made and has not revoked.</summary>
    public async Task<bool> IsValidAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > MaxTokenLength)
        {
            return false;
        }

        var hash = Hash(secret.Trim());
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.WallboardTokens.AsNoTracking().AnyAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Lower-case hex SHA-256, as stored in <see cref="WallboardToken.TokenHash"/>.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
