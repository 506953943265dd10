using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Telephony.Data.Alerts;
using Telephony.Data.Audit;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Errors;
using Telephony.Data.Idempotency;
using Telephony.Data.Identity;
using Telephony.Data.Infrastructure;
using Telephony.Data.Provisioning;
using Telephony.Data.RateLimiting;
using Telephony.Data.Settings;
using Telephony.Data.Sms;
using Telephony.Data.Voicemail;
using Telephony.Data.Wallboard;

namespace Telephony.Data;

/// <summary>The one database: identity, hotline data, machinery. Provider subclasses carry the migrations.</summary>
public class TelephonyDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Call> Calls => Set<Call>();

    public DbSet<CallEvent> CallEvents => Set<CallEvent>();

    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    public DbSet<VoicemailMessage> Voicemails => Set<VoicemailMessage>();

    public DbSet<RecordingAccess> RecordingAccesses => Set<RecordingAccess>();

    public DbSet<SmsMessage> SmsMessages => Set<SmsMessage>();

    public DbSet<SmsOptOut> SmsOptOuts => Set<SmsOptOut>();

    public DbSet<RateLimitCounter> RateLimitCounters => Set<RateLimitCounter>();

    public DbSet<RateLimitViolation> RateLimitViolations => Set<RateLimitViolation>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<ProvisioningTransaction> ProvisioningTransactions => Set<ProvisioningTransaction>();

    public DbSet<TransactionStep> TransactionSteps => Set<TransactionStep>();

    public DbSet<PhoneNumber> PhoneNumbers => Set<PhoneNumber>();

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<PortingRequest> PortingRequests => Set<PortingRequest>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();

    public DbSet<WebhookError> WebhookErrors => Set<WebhookError>();

    public DbSet<AdminAuditEntry> AdminAuditEntries => Set<AdminAuditEntry>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<WallboardToken> WallboardTokens => Set<WallboardToken>();

    /// <summary>Thresholds changed by admins on the Settings page (no row: the configured default).</summary>
    public DbSet<StoredThreshold> StoredThresholds => Set<StoredThreshold>();

    /// <summary>One row: the database's own id (see <see cref="DatabaseIdentity"/>).</summary>
    public DbSet<DatabaseIdentityRow> DatabaseIdentityRows => Set<DatabaseIdentityRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // Enums are stored by name: readable in SQL, stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TelephonyDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var autoDetect = PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var autoDetect = PrepareSave();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    // One DetectChanges per save. ChangeTracker.Entries(), the save interceptors' reads of the tracker and SaveChanges
    // itself would each run it again over every tracked entity, which a group commit of many calls pays many times over.
    // Returns whether automatic detection was on, to restore once the save is done.
    private bool PrepareSave()
    {
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            StampVersions();
            RejectAuditRewrites();
        }
        catch
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            throw;
        }

        return autoDetect;
    }

    // The audit log is append-only: an entry, once written, is never changed or removed through the model. Only the
    // retention purge (AdminAuditLog.PurgeAsync, a set-based delete of entries past Retention:AuditLogDays) removes rows.
    private void RejectAuditRewrites()
    {
        if (ChangeTracker.Entries<AdminAuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The admin audit log is append-only: entries cannot be changed or deleted.");
        }
    }

    // Every write of a versioned row gets a new token; the original value stays in the WHERE clause,
    // so an update based on a stale read matches no row and EF Core raises DbUpdateConcurrencyException.
    private void StampVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                // Through the entry, which marks the property modified without another DetectChanges.
                entry.Property(nameof(IVersioned.Version)).CurrentValue = Guid.NewGuid();
            }
        }
    }
}
