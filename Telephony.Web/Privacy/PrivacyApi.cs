using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Validation;
using Telephony.Data.Privacy;
using Telephony.Web.Api;

namespace Telephony.Web.Privacy;

/// <summary>Privacy requests in the admin API: a caller's data export and erasure, and an early recording delete.</summary>
public static class PrivacyApi
{
    public static RouteGroupBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminApiGroup("/api", "Privacy")
            .AddEndpointFilter<IdempotencyKeyFilter>();

        // The number goes in the path as E.164; '+' is sent as is or as %2B.
        api.MapGet("/callers/{phone}/export", ExportCallerAsync).ProducesValidationProblem();
        api.MapPost("/callers/{phone}/erase", EraseCallerAsync).ProducesValidationProblem();
        api.MapDelete("/voicemails/{id:guid}/recording", DeleteRecordingAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<CallerDataExport>, ValidationProblem>> ExportCallerAsync(
        string phone, ClaimsPrincipal user, CallerDataService callers, CancellationToken cancellationToken) =>
        !E164.IsValid(phone) ? InvalidNumber() : TypedResults.Ok((await callers.ExportAsync(user, phone, cancellationToken).ConfigureAwait(false))!);

    public static async Task<Results<Ok<CallerErasure>, ValidationProblem>> EraseCallerAsync(
        string phone, ClaimsPrincipal user, CallerDataService callers, CancellationToken cancellationToken) =>
        !E164.IsValid(phone) ? InvalidNumber() : TypedResults.Ok((await callers.EraseAsync(user, phone, cancellationToken).ConfigureAwait(false))!);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteRecordingAsync(
        Guid id, ClaimsPrincipal user, RecordingDeletion deletion, CancellationToken cancellationToken) =>
        await deletion.DeleteAsync(user, id, cancellationToken).ConfigureAwait(false) switch
        {
            RecordingDeleteOutcome.NotFound => ApiProblems.NotFound($"Voicemail {id}"),
            RecordingDeleteOutcome.Forbidden => ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Only admins delete recordings."),
            _ => TypedResults.NoContent(),
        };

    private static ValidationProblem InvalidNumber() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["phone"] = ["A phone number in E.164 form (e.g. +15145550123) is required."] },
        title: "Invalid phone number");
}
