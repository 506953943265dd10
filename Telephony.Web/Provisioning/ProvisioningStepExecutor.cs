using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Telephony.Data;
using Telephony.Data.Provisioning;
using Telephony.Web.Twilio;
using static Telephony.Core.Provisioning.ProvisioningSagas;

namespace Telephony.Web.Provisioning;

/// <summary>The steps of the provisioning sagas: Twilio calls through <see cref="TwilioGateway"/>, and the database rows they lead to.</summary>
internal sealed class ProvisioningStepExecutor(
    TwilioGateway twilio, CurrentWebhookUrls webhooks, IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
    : IProvisioningStepExecutor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string?> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = Payload(context);
        switch (context.Step)
        {
            case CreateSubaccount:
                var subaccount = await twilio.FindOrCreateSubaccountAsync(FriendlyName(context.TransactionId, CreateSubaccount)).ConfigureAwait(false);
                return Serialize(new SubaccountResult(subaccount));

            case BuyNumber:
                var account = await AccountForPurchaseAsync(context, payload, cancellationToken).ConfigureAwait(false);
                var (sid, phoneNumber) = await twilio.FindOrBuyNumberAsync(account, payload.AreaCode!, FriendlyName(context.TransactionId, BuyNumber)).ConfigureAwait(false);
                return Serialize(new NumberResult(sid, phoneNumber, account));

            case ConfigureNumber:
                var number = Result<NumberResult>(context, BuyNumber)!;
                await twilio.ConfigureNumberAsync(number.AccountSid, number.Sid, webhooks.Urls).ConfigureAwait(false);
                return null;

            case ReconfigureNumbers:
                return Serialize(await ReconfigureAsync(payload, cancellationToken).ConfigureAwait(false));

            case RecordTenant:
            case RecordNumber:
                await RecordAsync(context, payload, cancellationToken).ConfigureAwait(false);
                return null;

            case ReleaseTwilioNumber:
                var row = await FindNumberAsync(payload.NumberSid!, cancellationToken).ConfigureAwait(false);
                await twilio.ReleaseNumbersAsync(await AccountOfAsync(row, cancellationToken).ConfigureAwait(false), payload.NumberSid, null).ConfigureAwait(false);
                return null;

            case RecordRelease:
                await MarkReleasedAsync(payload.NumberSid!, cancellationToken).ConfigureAwait(false);
                return null;

            default:
                throw new InvalidOperationException($"Unknown step '{context.Step}'.");
        }
    }

    public async Task CompensateAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = Payload(context);
        switch (context.Step)
        {
            case CreateSubaccount:
                await twilio.CloseSubaccountsAsync(Result<SubaccountResult>(context, CreateSubaccount)?.Sid, FriendlyName(context.TransactionId, CreateSubaccount)).ConfigureAwait(false);
                await SetTenantStatusAsync(payload.TenantId, "closed", cancellationToken).ConfigureAwait(false);
                break;

            case BuyNumber:
                var known = Result<NumberResult>(context, BuyNumber);
                var account = known?.AccountSid ?? await AccountForPurchaseOrNullAsync(context, payload, cancellationToken).ConfigureAwait(false);
                if (account is not null)
                {
                    await twilio.ReleaseNumbersAsync(account, known?.Sid, FriendlyName(context.TransactionId, BuyNumber)).ConfigureAwait(false);
                }

                break;

            case RecordTenant:
            case RecordNumber:
                await UnrecordAsync(context, payload, cancellationToken).ConfigureAwait(false);
                break;

            // Configuring a number that is about to be released needs no undo; a release cannot be undone.
            case ConfigureNumber:
            case ReleaseTwilioNumber:
            case RecordRelease:
            case ReconfigureNumbers:
                break;

            default:
                throw new InvalidOperationException($"Unknown step '{context.Step}'.");
        }
    }

    private async Task<string> AccountForPurchaseAsync(StepContext context, ProvisioningPayload payload, CancellationToken cancellationToken) =>
        await AccountForPurchaseOrNullAsync(context, payload, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("The tenant has no Twilio subaccount.");

    private async Task<string?> AccountForPurchaseOrNullAsync(StepContext context, ProvisioningPayload payload, CancellationToken cancellationToken)
    {
        if (context.Kind == OnboardTenant)
        {
            return Result<SubaccountResult>(context, CreateSubaccount)?.Sid;
        }

        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Tenants.Where(t => t.Id == payload.TenantId).Select(t => t.SubaccountSid).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(StepContext context, ProvisioningPayload payload, CancellationToken cancellationToken)
    {
        var number = Result<NumberResult>(context, BuyNumber)!;
        var urls = webhooks.Urls;
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == payload.TenantId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Tenant {payload.TenantId} does not exist.");
            if (context.Kind == OnboardTenant)
            {
                tenant.SubaccountSid = Result<SubaccountResult>(context, CreateSubaccount)!.Sid;
                tenant.Status = "active";
            }

            var row = await db.PhoneNumbers.FirstOrDefaultAsync(n => n.Sid == number.Sid, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                row = new PhoneNumber { Sid = number.Sid, CreatedAt = timeProvider.GetUtcNow() };
                db.PhoneNumbers.Add(row);
            }

            row.E164 = number.PhoneNumber;
            row.TenantId = tenant.Id;
            row.FriendlyName = FriendlyName(context.TransactionId, BuyNumber);
            row.VoiceUrl = urls.Voice.ToString();
            row.VoiceFallbackUrl = urls.VoiceFallback.ToString();
            row.StatusCallbackUrl = urls.StatusCallback.ToString();
            row.SmsUrl = urls.Sms.ToString();
            row.ConfigurationStatus = "configured";
            row.Status = "active";
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Each number is configured at Twilio, then recorded; a retry skips those already recorded with the target URLs.
    private async Task<ReconfigureResult> ReconfigureAsync(ProvisioningPayload payload, CancellationToken cancellationToken)
    {
        var urls = WebhookUrls.For(payload.PublicBaseUrl ?? webhooks.PublicBaseUrl);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var query = db.PhoneNumbers.Where(n => n.Status == "active");
            if (payload.NumberSid is { } only)
            {
                query = query.Where(n => n.Sid == only);
            }

            var numbers = await query.OrderBy(n => n.Sid).ToListAsync(cancellationToken).ConfigureAwait(false);
            var changed = 0;
            foreach (var number in numbers.Where(n => !urls.Match(n) || n.ConfigurationStatus != WebhookUrls.Configured))
            {
                await twilio.ConfigureNumberAsync(await AccountOfAsync(number, cancellationToken).ConfigureAwait(false), number.Sid, urls).ConfigureAwait(false);
                number.VoiceUrl = urls.Voice.ToString();
                number.VoiceFallbackUrl = urls.VoiceFallback.ToString();
                number.StatusCallbackUrl = urls.StatusCallback.ToString();
                number.SmsUrl = urls.Sms.ToString();
                number.ConfigurationStatus = WebhookUrls.Configured;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                changed++;
            }

            return new ReconfigureResult(numbers.Count, changed);
        }
    }

    private async Task UnrecordAsync(StepContext context, ProvisioningPayload payload, CancellationToken cancellationToken)
    {
        var number = Result<NumberResult>(context, BuyNumber);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (number is not null)
            {
                await db.PhoneNumbers.Where(n => n.Sid == number.Sid).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }

            if (context.Kind == OnboardTenant)
            {
                await db.Tenants.Where(t => t.Id == payload.TenantId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, "pending").SetProperty(t => t.SubaccountSid, (string?)null), cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    private async Task<PhoneNumber?> FindNumberAsync(string sid, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.PhoneNumbers.AsNoTracking().FirstOrDefaultAsync(n => n.Sid == sid, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> AccountOfAsync(PhoneNumber? number, CancellationToken cancellationToken)
    {
        if (number?.TenantId is not { } tenantId)
        {
            return twilio.MainAccountSid;
        }

        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var sub = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.SubaccountSid).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return sub ?? twilio.MainAccountSid;
        }
    }

    private async Task MarkReleasedAsync(string sid, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.PhoneNumbers.Where(n => n.Sid == sid)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, "released").SetProperty(n => n.ReleasedAt, now), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SetTenantStatusAsync(Guid? tenantId, string status, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.Tenants.Where(t => t.Id == tenantId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, status), cancellationToken).ConfigureAwait(false);
        }
    }

    private static ProvisioningPayload Payload(StepContext context) =>
        JsonSerializer.Deserialize<ProvisioningPayload>(context.PayloadJson, Json) ?? new ProvisioningPayload();

    private static T? Result<T>(StepContext context, string step)
        where T : class =>
        context.ResultOf(step) is { } json ? JsonSerializer.Deserialize<T>(json, Json) : null;

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}
