using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Telephony.Data;
using Telephony.Data.Audit;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Api;

/// <summary>Admin API keys made in the console: the key is shown once; only its SHA-256 hash and a prefix are stored.</summary>
public sealed class ApiKeyAdministration(IDbContextFactory<TelephonyDbContext> contextFactory, AdminAuditLog audit, TimeProvider timeProvider)
{
    private const string KeyPrefix = "tk_";

    /// <summary>Creates a key and returns it in full: the only time anyone sees it.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, AdminActor createdBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(createdBy);
        var secret = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim()[..Math.Min(128, name.Trim().Length)],
            KeyHash = Hash(secret),
            Prefix = secret[..10],
            CreatedBy = createdBy.Email,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await audit.RecordAsync(createdBy.UserId, createdBy.Email, "api-key-create", key.Name, $"key {key.Id} ({key.Prefix}…)", cancellationToken).ConfigureAwait(false);

        return (key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> RevokeAsync(Guid id, AdminActor revokedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revokedBy);
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken).ConfigureAwait(false) == 1;
            if (revoked)
            {
                await audit.RecordAsync(revokedBy.UserId, revokedBy.Email, "api-key-revoke", id.ToString(), null, cancellationToken).ConfigureAwait(false);
            }

            return revoked;
        }
    }

    /// <summary>Lower-case hex SHA-256, as stored in <see cref="ApiKey.KeyHash"/>.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
