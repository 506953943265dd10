using System.Globalization;
using System.Security.Claims;
using Telephony.Data.Audit;
using Telephony.Web.Auth;
using Telephony.Web.Exports;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Privacy;

/// <summary>The audit log as CSV (the page's filters apply): admins only, and the export is itself audited.</summary>
public static class AuditExportApi
{
    public const int MaxRows = 100_000;

    public static IEndpointRouteBuilder MapAuditExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/log.csv", ExportAsync).RequireAuthorization(AuthServiceExtensions.AdminPolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>The export link for a filter (dates as UTC ISO 8601).</summary>
    public static string Href(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new List<string>();
        Add(query, "action", filter.Action);
        Add(query, "user", filter.User);
        Add(query, "from", filter.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(query, "to", filter.To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return "audit/log.csv" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    private static async Task<IResult> ExportAsync(
        string? action, string? user, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal principal, AdminAuditLog audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var filter = new AuditFilter(action, user, from, to);
        var rows = await audit.ExportAsync(filter, MaxRows, cancellationToken).ConfigureAwait(false);
        var actor = AdminActor.From(principal);
        await audit.RecordAsync(actor.UserId, actor.Email, "audit-export", "audit log", $"{rows.Count} entries; {Describe(filter)}", cancellationToken).ConfigureAwait(false);

        return new CsvFileResult(
            $"audit-log-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv",
            ["at_utc", "user_email", "user_id", "action", "target", "detail"],
            rows.Select(e => new[] { e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), e.UserEmail, e.UserId, e.Action, e.Target, e.Detail })
                .ToAsyncEnumerable());
    }

    private static string Describe(AuditFilter f) =>
        f is { Action: null, User: null, From: null, To: null } ? "no filter"
        : string.Join(", ", new[] { f.Action is null ? null : $"action {f.Action}", f.User is null ? null : $"user {f.User}", f.From is null ? null : $"from {f.From:u}", f.To is null ? null : $"to {f.To:u}" }
            .Where(s => s is not null));

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
