using System.Globalization;
using System.Security.Claims;
using System.Text;
using Telephony.Data.Audit;
using Telephony.Data.Consent;
using Telephony.Web.Auth;

namespace Telephony.Web.Consent;

/// <summary>The consent ledger as CSV, for privacy access requests: admins only, and every export is audited.</summary>
public static class ConsentExportApi
{
    public static IEndpointRouteBuilder MapConsentExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/consent/ledger.csv", ExportAsync).RequireAuthorization(AuthServiceExtensions.AdminPolicy).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(string? caller, ClaimsPrincipal user, ConsentLedger ledger, AdminAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var rows = await ledger.SearchAsync(caller, cancellationToken, max: 100_000).ConfigureAwait(false);
        await audit.RecordAsync(
            user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name, "consent-export",
            string.IsNullOrWhiteSpace(caller) ? "all callers" : caller.Trim(), $"{rows.Count} ledger entries", cancellationToken).ConfigureAwait(false);

        var csv = new StringBuilder(CsvWriter.Row("recorded_at_utc", "caller", "call_sid", "decision", "method", "prompt_version", "language", "jurisdiction"));
        foreach (var r in rows)
        {
            csv.Append(CsvWriter.Row(
                r.RecordedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.CallerNumber, r.CallSid, r.Decision.ToString(),
                r.Method, r.PromptVersion, r.Language, r.Jurisdiction));
        }

        var name = $"consent-ledger-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return TypedResults.File(CsvWriter.Utf8WithBom(csv), "text/csv; charset=utf-8", name);
    }
}
