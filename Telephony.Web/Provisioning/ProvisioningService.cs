using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Telephony.Core.Provisioning;
using Telephony.Data;
using Telephony.Data.Audit;
using Telephony.Data.Provisioning;

namespace Telephony.Web.Provisioning;

/// <summary>What admins do with provisioning (from the API and the console): start sagas, act on failed ones, look.</summary>
public sealed class ProvisioningService(
    ProvisioningEngine engine, ProvisioningInbox queue, IDbContextFactory<TelephonyDbContext> contextFactory, CurrentWebhookUrls webhooks,
    AdminAuditLog audit, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Records a pending tenant and starts onboarding it.</summary>
    public async Task<ProvisioningTransaction> OnboardTenantAsync(AdminActor actor, string name, string areaCode, CancellationToken cancellationToken)
    {
        var tenant = new Tenant { Id = Guid.CreateVersion7(), Name = name.Trim(), AreaCode = areaCode, Status = "pending", CreatedAt = timeProvider.GetUtcNow() };
        var payload = JsonSerializer.Serialize(new ProvisioningPayload(TenantId: tenant.Id, Name: tenant.Name, AreaCode: areaCode), Json);
        var transaction = await engine.CreateAsync(ProvisioningSagas.Onboard, payload, cancellationToken, db => db.Tenants.Add(tenant)).ConfigureAwait(false);
        await AuditAsync(actor, "provisioning-onboard", tenant.Name, transaction, $"area code {areaCode}", cancellationToken).ConfigureAwait(false);
        queue.Enqueue(transaction.Id);
        return transaction;
    }

    /// <summary>Starts buying a number for an active tenant; null when the tenant does not exist, or is not active.</summary>
    public async Task<(ProvisioningTransaction? Transaction, string? Problem)> ProvisionNumberAsync(AdminActor actor, Guid tenantId, string areaCode, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken).ConfigureAwait(false);
            if (tenant is null)
            {
                return (null, null);
            }

            if (tenant.Status != "active" || tenant.SubaccountSid is null)
            {
                return (null, $"Tenant {tenantId} is {tenant.Status}; only active tenants get numbers.");
            }
        }

        var payload = JsonSerializer.Serialize(new ProvisioningPayload(TenantId: tenantId, AreaCode: areaCode), Json);
        var transaction = await engine.CreateAsync(ProvisioningSagas.Provision, payload, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, "provisioning-provision", tenantId.ToString(), transaction, $"area code {areaCode}", cancellationToken).ConfigureAwait(false);
        queue.Enqueue(transaction.Id);
        return (transaction, null);
    }

    /// <summary>Starts releasing an active number; null when it does not exist, or is released already.</summary>
    public async Task<(ProvisioningTransaction? Transaction, string? Problem)> ReleaseNumberAsync(AdminActor actor, string sid, CancellationToken cancellationToken)
    {
        var (exists, problem) = await CheckActiveNumberAsync(sid, cancellationToken).ConfigureAwait(false);
        if (!exists || problem is not null)
        {
            return (null, problem);
        }

        var payload = JsonSerializer.Serialize(new ProvisioningPayload(NumberSid: sid), Json);
        var transaction = await engine.CreateAsync(ProvisioningSagas.Release, payload, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, "provisioning-release", sid, transaction, null, cancellationToken).ConfigureAwait(false);
        queue.Enqueue(transaction.Id);
        return (transaction, null);
    }

    /// <summary>
    /// Starts pointing the webhooks of every active number (or only <paramref name="sid"/>) at the current
    /// <c>Twilio:PublicBaseUrl</c>; null with no problem when <paramref name="sid"/> does not exist.
    /// </summary>
    public async Task<(ProvisioningTransaction? Transaction, string? Problem)> ReconfigureNumbersAsync(AdminActor actor, string? sid, CancellationToken cancellationToken)
    {
        if (sid is not null)
        {
            var (exists, problem) = await CheckActiveNumberAsync(sid, cancellationToken).ConfigureAwait(false);
            if (!exists || problem is not null)
            {
                return (null, problem);
            }
        }

        var payload = JsonSerializer.Serialize(new ProvisioningPayload(NumberSid: sid, PublicBaseUrl: webhooks.PublicBaseUrl), Json);
        var transaction = await engine.CreateAsync(ProvisioningSagas.Reconfigure, payload, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, "provisioning-reconfigure", sid ?? "all numbers", transaction, $"to {webhooks.PublicBaseUrl}", cancellationToken).ConfigureAwait(false);
        queue.Enqueue(transaction.Id);
        return (transaction, null);
    }

    /// <summary>The webhook URLs numbers should have now.</summary>
    public WebhookUrls CurrentUrls => webhooks.Urls;

    public async Task<AdminActionOutcome> RetryAsync(AdminActor actor, Guid id, CancellationToken cancellationToken)
    {
        var outcome = await engine.RequestRetryAsync(id, cancellationToken).ConfigureAwait(false);
        if (outcome == AdminActionOutcome.Accepted)
        {
            await AuditAsync(actor, "provisioning-retry", id.ToString(), null, null, cancellationToken).ConfigureAwait(false);
            queue.Enqueue(id);
        }

        return outcome;
    }

    public async Task<AdminActionOutcome> CompensateAsync(AdminActor actor, Guid id, CancellationToken cancellationToken)
    {
        var outcome = await engine.RequestCompensateAsync(id, cancellationToken).ConfigureAwait(false);
        if (outcome == AdminActionOutcome.Accepted)
        {
            await AuditAsync(actor, "provisioning-compensate", id.ToString(), null, null, cancellationToken).ConfigureAwait(false);
            queue.Enqueue(id);
        }

        return outcome;
    }

    /// <summary>
    /// Records a request to port <paramref name="e164"/> in (from the API and the Numbers page alike). Nothing is stored
    /// when a field is invalid (<see cref="PortingRequestCreation.Errors"/>) or the tenant does not exist
    /// (<see cref="PortingRequestCreation.Problem"/>).
    /// </summary>
    public async Task<PortingRequestCreation> CreatePortingRequestAsync(
        AdminActor actor, string? e164, string? losingCarrier, Guid? tenantId, CancellationToken cancellationToken)
    {
        var errors = PortingRequestCreation.Validate(e164, losingCarrier);
        if (errors.Count > 0)
        {
            return new(null, errors, null);
        }

        var now = timeProvider.GetUtcNow();
        var request = new PortingRequest
        {
            Id = Guid.CreateVersion7(now), E164 = e164!, LosingCarrier = losingCarrier!.Trim(), TenantId = tenantId,
            State = PortingState.Submitted, CreatedAt = now, UpdatedAt = now,
        };
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (tenantId is { } t && !await db.Tenants.AnyAsync(x => x.Id == t, cancellationToken).ConfigureAwait(false))
            {
                return new(null, PortingRequestCreation.NoErrors, $"Tenant {t} does not exist.");
            }

            db.PortingRequests.Add(request);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await audit.RecordAsync(actor.UserId, actor.Email, "porting-create", request.E164, $"porting request {request.Id} from {request.LosingCarrier}", cancellationToken).ConfigureAwait(false);
        return new(request, PortingRequestCreation.NoErrors, null);
    }

    /// <summary>Moves a porting request to <paramref name="state"/> when that move is allowed.</summary>
    public async Task<(PortingRequest? Request, AdminActionOutcome Outcome)> MovePortingRequestAsync(
        AdminActor actor, Guid id, PortingState state, string? note, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var request = await db.PortingRequests.FirstOrDefaultAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                return (null, AdminActionOutcome.NotFound);
            }

            if (!PortingStates.CanMove(request.State, state))
            {
                return (request, AdminActionOutcome.Conflict);
            }

            var from = request.State;
            request.State = state;
            request.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            request.UpdatedAt = timeProvider.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return (request, AdminActionOutcome.Conflict);
            }

            await audit.RecordAsync(actor.UserId, actor.Email, "porting-move", request.E164, $"porting request {id}: {from} -> {state}", cancellationToken).ConfigureAwait(false);
            return (request, AdminActionOutcome.Accepted);
        }
    }

    public async Task<IReadOnlyList<PortingRequest>> ListPortingRequestsAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.PortingRequests.AsNoTracking().OrderByDescending(p => p.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Recorded once the transaction exists (and before it runs), naming it so the audit trail leads to its steps.
    private Task AuditAsync(AdminActor actor, string action, string target, ProvisioningTransaction? transaction, string? detail, CancellationToken cancellationToken)
    {
        var text = transaction is null ? detail : $"transaction {transaction.Id}" + (detail is null ? "" : $"; {detail}");
        return audit.RecordAsync(actor.UserId, actor.Email, action, target, text, cancellationToken);
    }

    public async Task<ProvisioningTransaction?> FindTransactionAsync(Guid id, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.ProvisioningTransactions.AsNoTracking().Include(t => t.Steps)
                .FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Newest first (ids are version-7 GUIDs, ordered by creation time).</summary>
    public async Task<IReadOnlyList<ProvisioningTransaction>> ListTransactionsAsync(TransactionStatus? status, int max, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var query = db.ProvisioningTransactions.AsNoTracking().Include(t => t.Steps).AsQueryable();
            if (status is { } s)
            {
                query = query.Where(t => t.Status == s);
            }

            return await query.OrderByDescending(t => t.Id).Take(max).AsSplitQuery().ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<PhoneNumber>> ListNumbersAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.PhoneNumbers.AsNoTracking().OrderBy(n => n.E164).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the number exists, and why it cannot be acted on when it is not active.</summary>
    private async Task<(bool Exists, string? Problem)> CheckActiveNumberAsync(string sid, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var number = await db.PhoneNumbers.AsNoTracking().FirstOrDefaultAsync(n => n.Sid == sid, cancellationToken).ConfigureAwait(false);
            return number switch
            {
                null => (false, null),
                { Status: not "active" } => (true, $"Number {sid} is {number.Status}."),
                _ => (true, null),
            };
        }
    }
}
