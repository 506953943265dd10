using System.Globalization;
using System.Security.Claims;
using Telephony.Data.Audit;
using Telephony.Data.Consent;
using Telephony.Web.Auth;
using Telephony.Web.Exports;

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

        return new CsvFileResult(
            $"consent-ledger-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv",
            ["recorded_at_utc", "caller", "call_sid", "decision", "method", "prompt_version", "language", "jurisdiction"],
            rows.Select(r => new[]
            {
                r.RecordedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.CallerNumber, r.CallSid, r.Decision.ToString(),
                r.Method, r.PromptVersion, r.Language, r.Jurisdiction,
            }).ToAsyncEnumerable());
    }
}
