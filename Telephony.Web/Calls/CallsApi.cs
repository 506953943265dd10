using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Calls;
using Telephony.Data.Calls;
using Telephony.Web.Api;
using Telephony.Web.Auth;

namespace Telephony.Web.Calls;

/// <summary>
/// The read API for calls (docs/design.md, "Admin HTTP API"): newest first with keyset paging, and one call with its timeline.
/// Support and admins may read it; callers' numbers are masked unless the caller of the API is an admin (every API key is).
/// </summary>
public static class CallsApi
{
    public static RouteGroupBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapReadApiGroup("/api/calls", "Calls");
        api.MapGet("", ListAsync)
            .WithSummary("Calls, newest first")
            .WithDescription("Filters: since and until (ISO 8601, started at or after / before), status (Twilio's call status, e.g. completed, no-answer), "
                + "route (none, sales, support, voicemail); limit 1 to 500 (default 100); cursor from the previous page's next link.")
            .ProducesValidationProblem();
        api.MapGet("/{sid}", GetAsync)
            .WithSummary("One call with its timeline")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<ApiPage<CallDto>>, ValidationProblem>> ListAsync(
        string? since, string? until, string? status, string? route, string? cursor, string? limit,
        ClaimsPrincipal user, CallQuery calls, HttpRequest request, CancellationToken cancellationToken)
    {
        var query = new ReadQuery();
        var filter = new CallListFilter(query.Time(nameof(since), since), query.Time(nameof(until), until), query.Name<CallStatus>(nameof(status), status), query.Name<CallRoute>(nameof(route), route));
        var after = query.Cursor(cursor);
        var size = query.Limit(limit);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var page = await calls.ListAsync(filter, after, size, cancellationToken).ConfigureAwait(false);
        var admin = user.IsInRole(Roles.Admin);
        return TypedResults.Ok(new ApiPage<CallDto>(page.Items.Select(c => CallDto.From(c, admin)).ToList(), ReadQuery.NextLink(request, page.Next)));
    }

    public static async Task<Results<Ok<CallDetailDto>, ProblemHttpResult>> GetAsync(
        string sid, ClaimsPrincipal user, CallQuery calls, CancellationToken cancellationToken)
    {
        var found = await calls.FindAsync(sid, cancellationToken).ConfigureAwait(false);
        return found is null
            ? ApiProblems.NotFound($"Call {sid}")
            : TypedResults.Ok(CallDetailDto.From(found, user.IsInRole(Roles.Admin)));
    }
}
