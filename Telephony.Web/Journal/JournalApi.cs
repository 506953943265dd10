using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Data.Audit;
using Telephony.Web.Provisioning;
using Telephony.Web.Twilio;

namespace Telephony.Web.Journal;

/// <summary>What a requeue did on the instance that answered.</summary>
public sealed record JournalRequeue(int Requeued, int Pending, string Instance);

/// <summary>
/// The webhook journal in the admin API: after fixing why the database refused some journaled webhooks (set aside in the
/// quarantine file, shown on the Errors page), an admin puts them back for replay. Each instance keeps its own journal,
/// so the call acts on the instance that answers it, and names it.
/// </summary>
public static class JournalApi
{
    public static RouteGroupBuilder MapJournalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/journal")
            .RequireAuthorization(ProvisioningServiceExtensions.ApiPolicy)
            .WithTags("Journal")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/requeue", RequeueAsync);
        return api;
    }

    public static async Task<Ok<JournalRequeue>> RequeueAsync(ClaimsPrincipal user, WebhookJournal journal, AdminAuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RequeueQuarantinedAsync(user, journal, audit, cancellationToken).ConfigureAwait(false));

    /// <summary>Puts this instance's set-aside webhooks back for replay and audits it; the API and the Errors page both call this.</summary>
    public static async Task<JournalRequeue> RequeueQuarantinedAsync(ClaimsPrincipal user, WebhookJournal journal, AdminAuditLog audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(audit);
        var requeued = await journal.RequeueQuarantinedAsync(cancellationToken).ConfigureAwait(false);
        var actor = AdminActor.From(user);
        await audit.RecordAsync(actor.UserId, actor.Email, "journal-requeue", WebhookGuard.Instance,
            $"{requeued} set-aside webhooks put back for replay", CancellationToken.None).ConfigureAwait(false);
        return new JournalRequeue(requeued, journal.PendingCount, WebhookGuard.Instance);
    }
}
