using Microsoft.AspNetCore.Http.HttpResults;

namespace Telephony.Web.Api;

/// <summary>RFC 9457 problem details for the admin API's own errors.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static ProblemHttpResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, "Not found", $"{what} does not exist.");
}
