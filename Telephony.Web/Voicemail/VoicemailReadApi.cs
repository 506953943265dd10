using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Telephony.Data.Voicemail;
using Telephony.Web.Api;
using Telephony.Web.Auth;
using Telephony.Web.Privacy;

namespace Telephony.Web.Voicemail;

/// <summary>
/// The read API for voicemails (docs/design.md, "Admin HTTP API"): transcript, triage, audio status and retention date, newest
/// first with keyset paging; never the audio (admins play it in the console, audited). Support and admins may read it.
/// </summary>
public static class VoicemailReadApi
{
    public static RouteGroupBuilder MapVoicemailReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapReadApiGroup("/api/voicemails", "Voicemail");
        api.MapGet("", ListAsync)
            .WithSummary("Voicemails, newest first")
            .WithDescription("Filters: since (ISO 8601, left at or after), state (new, claimed, called-back, archived), audio (pending, fetched, failed, deleted); "
                + "limit 1 to 500 (default 100); cursor from the previous page's next link.")
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Results<Ok<ApiPage<VoicemailDto>>, ValidationProblem>> ListAsync(
        string? since, string? state, string? audio, string? cursor, string? limit,
        ClaimsPrincipal user, VoicemailQuery voicemails, IOptions<RetentionOptions> retention, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        var query = new ReadQuery();
        var filter = new VoicemailListFilter(query.Time(nameof(since), since), query.Name<VoicemailState>(nameof(state), state), query.Name<AudioStatus>(nameof(audio), audio));
        var after = query.Cursor(cursor);
        var size = query.Limit(limit);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var page = await voicemails.ListAsync(filter, after, size, cancellationToken).ConfigureAwait(false);
        var admin = user.IsInRole(Roles.Admin);
        return TypedResults.Ok(new ApiPage<VoicemailDto>(
            page.Items.Select(v => VoicemailDto.From(v, admin, retention.Value)).ToList(), ReadQuery.NextLink(request, page.Next)));
    }
}
