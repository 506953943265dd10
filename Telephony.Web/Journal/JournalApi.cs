using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Data.Audit;
using Telephony.Data.Infrastructure;
using Telephony.Web.Api;
using Telephony.Web.Provisioning;
using Telephony.Web.Twilio;

namespace Telephony.Web.Journal;

/// <summary>What a requeue did on the instance that answered.</summary>
/// <param name="Requeued">Set-aside webhooks put back for replay.</param>
/// <param name="Pending">Webhooks now waiting in the journal.</param>
/// <param name="Instance">The instance that answered.</param>
/// <param name="OtherDatabase">Set-aside webhooks written against another database: they stay set aside.</param>
public sealed record JournalRequeue(int Requeued, int Pending, string Instance, int OtherDatabase = 0);

/// <summary>
/// The webhook journal in the admin API: after fixing why the database refused some journaled webhooks (set aside in the
/// quarantine file, shown on the Errors page), an admin puts them back for replay. Each instance keeps its own journal,
/// so the call acts on the instance that answers it, and names it.
/// </summary>
public static class JournalApi
{
    public static RouteGroupBuilder MapJournalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminApiGroup("/api/journal", "Journal");
        api.MapPost("/requeue", RequeueAsync);
        return api;
    }

    public static async Task<Ok<JournalRequeue>> RequeueAsync(
        ClaimsPrincipal user, WebhookJournal journal, DatabaseIdentity database, AdminAuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RequeueQuarantinedAsync(user, journal, database, audit, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Puts this instance's set-aside webhooks back for replay and audits it; the API and the Errors page both call this.
    /// Those written against another database stay set aside (counted in the answer).
    /// </summary>
    public static async Task<JournalRequeue> RequeueQuarantinedAsync(
        ClaimsPrincipal user, WebhookJournal journal, DatabaseIdentity database, AdminAuditLog audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(audit);
        var requeue = await journal.RequeueQuarantinedAsync(database.Id, cancellationToken).ConfigureAwait(false);
        var actor = AdminActor.From(user);
        var detail = requeue.OtherDatabase == 0
            ? $"{requeue.Requeued} set-aside webhooks put back for replay"
            : $"{requeue.Requeued} set-aside webhooks put back for replay; {requeue.OtherDatabase} written against another database stay set aside";
        await audit.RecordAsync(actor.UserId, actor.Email, "journal-requeue", WebhookGuard.Instance, detail, CancellationToken.None).ConfigureAwait(false);
        return new JournalRequeue(requeue.Requeued, journal.PendingCount, WebhookGuard.Instance, requeue.OtherDatabase);
    }
}
