using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Telephony.Core.Calls;
using Telephony.Core.Reports;
using Telephony.Core.Validation;
using Telephony.Data.Audit;
using Telephony.Data.Calls;
using Telephony.Data.Errors;
using Telephony.Data.Metrics.Reports;
using Telephony.Data.Voicemail;
using Telephony.Web.Api;
using Telephony.Web.Auth;
using Telephony.Web.Components;
using Telephony.Web.Components.Common;
using Telephony.Web.Provisioning;
using Telephony.Web.Reports;

namespace Telephony.Web.Exports;

/// <summary>
/// CSV exports of the console's tables (calls, voicemail, the webhook log, the report), with the filters their pages show. Support and
/// admins may export; callers' numbers are whole for admins and masked for Support, as on screen. Every export is audited
/// (who, which table, the window or filter) before its first row is sent. The audit log's own export is
/// <see cref="Privacy.AuditExportApi"/> (admins only); the consent ledger's is <see cref="Consent.ConsentExportApi"/>.
/// </summary>
public static class ExportsApi
{
    public const string CallsPath = "/calls/export.csv";
    public const string VoicemailPath = "/voicemail/export.csv";
    public const string ErrorsPath = "/errors/export.csv";
    public const string ReportsPath = "/reports/export.csv";

    /// <summary>The calls export's window when no <c>since</c> is given: the last day.</summary>
    public static readonly TimeSpan DefaultCallsWindow = TimeSpan.FromHours(24);

    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization(policy => policy.RequireRole(Roles.Support, Roles.Admin)).ExcludeFromDescription();
        group.MapGet(CallsPath, CallsAsync);
        group.MapGet(VoicemailPath, VoicemailAsync);
        group.MapGet(ErrorsPath, ErrorsAsync);
        group.MapGet(ReportsPath, ReportsAsync);
        return app;
    }

    /// <summary>The Voicemail page's export link for its view and search.</summary>
    public static string VoicemailHref(string view, string? search) =>
        VoicemailPath.TrimStart('/') + "?view=" + Uri.EscapeDataString(view) + (string.IsNullOrWhiteSpace(search) ? "" : "&q=" + Uri.EscapeDataString(search.Trim()));

    private static async Task<IResult> CallsAsync(
        string? since, string? until, ClaimsPrincipal user, CallQuery calls, AdminAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = new ReadQuery();
        var from = query.Time(nameof(since), since);
        var to = query.Time(nameof(until), until);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var now = time.GetUtcNow();
        var end = to ?? now;
        var start = from ?? end - DefaultCallsWindow;
        var admin = user.IsInRole(Roles.Admin);
        var audited = await AuditAsync(audit, user, "calls-export", "calls", $"started {Utc(start)} to {Utc(end)}; {Callers(admin)}", cancellationToken).ConfigureAwait(false);
        return new CsvFileResult(
            FileName("calls", now),
            ["started_at_utc", "call_sid", "caller", "called", "direction", "status", "route", "consent", "language", "answered_at_utc", "ended_at_utc", "duration_seconds", "dial_status", "reached_voicemail"],
            CallRows(calls.StreamAsync(new CallListFilter(start, end, null, null), cancellationToken), admin),
            audited);
    }

    private static async Task<IResult> VoicemailAsync(
        string? view, string? q, ClaimsPrincipal user, Data.Voicemail.VoicemailInbox inbox, AdminAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var shown = string.IsNullOrWhiteSpace(view) ? Components.Pages.VoicemailInbox.DefaultView : view.Trim();
        if (!Components.Pages.VoicemailInbox.IsView(shown))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [nameof(view)] = [$"One of: {string.Join(", ", Components.Pages.VoicemailInbox.ViewKeys)}."] },
                detail: "Invalid query parameter: view.");
        }

        var admin = user.IsInRole(Roles.Admin);
        var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var audited = await AuditAsync(audit, user, "voicemail-export", "voicemail", $"view {shown}{(search is null ? "" : "; search " + search)}; {Callers(admin)}", cancellationToken).ConfigureAwait(false);
        var filter = new VoicemailFilter(Components.Pages.VoicemailInbox.StatesFor(shown), search);
        return new CsvFileResult(
            FileName("voicemail", time.GetUtcNow()),
            ["received_at_utc", "caller", "duration_seconds", "state", "assignee", "transcript", "called_back_at_utc", "recording_deleted_at_utc", "call_sid"],
            VoicemailRows(inbox.StreamAsync(filter, cancellationToken), admin),
            audited);
    }

    private static async Task<IResult> ErrorsAsync(
        string? from, string? to, ClaimsPrincipal user, WebhookErrorStore errors, AdminAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = new ReadQuery();
        var start = query.Time(nameof(from), from);
        var end = query.Time(nameof(to), to);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var now = time.GetUtcNow();
        var page = WebhookErrorStore.PageWindow(now);
        var window = (From: start ?? page.From, To: end ?? page.To);
        var audited = await AuditAsync(audit, user, "errors-export", "webhook log", $"{Utc(window.From)} to {Utc(window.To)}", cancellationToken).ConfigureAwait(false);
        return new CsvFileResult(
            FileName("webhook-log", now),
            ["at_utc", "kind", "route", "twilio_code", "detail", "call_sid", "count"],
            ErrorRows(errors.StreamAsync(window.From, window.To, cancellationToken)),
            audited);
    }

    private static async Task<IResult> ReportsAsync(
        string? range, string? from, string? to, ClaimsPrincipal user, ReportQuery reports, ConsoleClock clock, IOptions<ConsoleOptions> console,
        AdminAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(clock.Local(now).DateTime);
        var shown = ReportRange.Parse(range, from, to, today, out var errors);
        if (shown is null)
        {
            var problems = errors.GroupBy(e => e.Parameter, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Describe()).ToArray(), StringComparer.Ordinal);
            return TypedResults.ValidationProblem(problems, detail: "Invalid query parameter: " + string.Join(", ", problems.Keys) + ".");
        }

        var report = await reports.RunAsync(shown, clock.Zone, ReportServices.CallbackSla(console, clock), cancellationToken: cancellationToken).ConfigureAwait(false);
        // The report is in memory already: its rows (one a bucket, and the total) are known before the download starts.
        var rows = report.Buckets.Count + 1;
        await RecordAsync(audit, user, "reports-export", "report", $"{shown.Query()} in {clock.ZoneId}; {new CsvExportOutcome(rows, Whole: true).Describe()}", cancellationToken).ConfigureAwait(false);
        return new CsvFileResult(
            $"report-{ReportRange.Name(shown.Period)}-{ReportRange.Format(shown.First)}-to-{ReportRange.Format(shown.Last)}.csv",
            [
                "period", "starts_at", "ends_at", "calls_offered", "answered", "voicemail", "abandoned", "menu_abandons", "blocked", "transfers_attempted",
                "answer_rate", "service_level", "abandonment_rate", "average_speed_of_answer_seconds", "average_talk_time_seconds",
                "voicemails", "callbacks_on_time", "callbacks_late_or_overdue", "callbacks_pending", "callback_sla_met",
                "consent_heard", "consent_stood", "consent_rate",
            ],
            ReportRows(report, clock));
    }

    private static IAsyncEnumerable<string?[]> ReportRows(Report report, ConsoleClock clock) =>
        report.Buckets.Select(b => ReportRow(report.Range.Hourly ? "hour" : "day", b, clock))
            .Append(ReportRow("total", report.Total, clock))
            .ToAsyncEnumerable();

    private static string?[] ReportRow(string period, ReportFigures f, ConsoleClock clock)
    {
        var c = f.Calls;
        return
        [
            period, Local(clock, f.From), Local(clock, f.To), Number(c.Offered), Number(c.TransfersAnswered), Number(c.Voicemails), Number(c.Abandoned),
            Number(c.IvrAbandons), Number(c.Blocked), Number(c.TransfersAttempted),
            Fraction(c.AnswerRate), Fraction(c.ServiceLevel), Fraction(c.AbandonmentRate), Fraction(c.AverageSpeedOfAnswerSeconds), Fraction(c.AverageTalkTimeSeconds),
            Number(f.Callbacks.Received), Number(f.Callbacks.Met), Number(f.Callbacks.Missed), Number(f.Callbacks.Pending), Fraction(f.Callbacks.MetRate),
            Number(f.Consent.HeardDisclosure), Number(f.Consent.ConsentStood), Fraction(f.Consent.ConsentRate),
        ];
    }

    private static async IAsyncEnumerable<string?[]> CallRows(IAsyncEnumerable<CallSummary> calls, bool admin)
    {
        await foreach (var c in calls.ConfigureAwait(false))
        {
            yield return
            [
                Utc(c.CreatedAt), c.CallSid, CallerDisplay.Format(c.From, admin), c.To, c.Direction, WireNames.Of(c.Status), WireNames.Of(c.Route),
                WireNames.Of(c.ConsentState), c.Language, Utc(c.AnsweredAt), Utc(c.EndedAt), Number(c.DurationSeconds), c.DialCallStatus, c.ReachedVoicemail ? "yes" : "no",
            ];
        }
    }

    private static async IAsyncEnumerable<string?[]> VoicemailRows(IAsyncEnumerable<VoicemailRow> rows, bool admin)
    {
        await foreach (var v in rows.ConfigureAwait(false))
        {
            yield return
            [
                Utc(v.CreatedAt), CallerDisplay.Format(v.Caller, admin), Number(v.DurationSeconds), WireNames.Of(v.State), v.AssigneeEmail,
                v.RecordingDeletedAt is null ? v.Transcript : null, Utc(v.CalledBackAt), Utc(v.RecordingDeletedAt), v.CallSid,
            ];
        }
    }

    private static async IAsyncEnumerable<string?[]> ErrorRows(IAsyncEnumerable<WebhookError> rows)
    {
        await foreach (var e in rows.ConfigureAwait(false))
        {
            yield return [Utc(e.At), e.Kind.ToString(), e.Route, e.ErrorCode, e.Detail, e.CallSid, Number(e.Count)];
        }
    }

    private static Task RecordAsync(AdminAuditLog audit, ClaimsPrincipal user, string action, string target, string detail, CancellationToken cancellationToken)
    {
        var actor = AdminActor.From(user);
        return audit.RecordAsync(actor.UserId, actor.Email, action, target, detail, cancellationToken);
    }

    /// <summary>
    /// Audits a streamed export twice: before its first row leaves (so an export is on record even if the instance stops
    /// part way), and once it ends, with the same detail and the rows written (<see cref="CsvExportOutcome.Describe"/>).
    /// The second entry is written whatever the browser does, so it does not use the request's token.
    /// </summary>
    private static async Task<Func<CsvExportOutcome, Task>> AuditAsync(
        AdminAuditLog audit, ClaimsPrincipal user, string action, string target, string detail, CancellationToken cancellationToken)
    {
        await RecordAsync(audit, user, action, target, detail, cancellationToken).ConfigureAwait(false);
        return outcome => RecordAsync(audit, user, action, target, $"{detail}; {outcome.Describe()}", CancellationToken.None);
    }

    private static string Callers(bool admin) => admin ? "callers whole" : "callers masked";

    private static string FileName(string table, DateTimeOffset now) => $"{table}-{now.UtcDateTime:yyyyMMdd-HHmmss}.csv";

    private static string? Utc(DateTimeOffset? at) => at?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A rate (0..1) or an average in seconds, to four decimals; empty when its denominator is (the page's "—").</summary>
    private static string? Fraction(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>An instant in the hotline's zone with its offset: <c>2026-11-30T00:00:00-05:00</c>.</summary>
    private static string Local(ConsoleClock clock, DateTimeOffset at) => clock.Local(at).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
