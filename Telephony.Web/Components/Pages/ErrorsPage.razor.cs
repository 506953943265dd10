using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telephony.Data.Audit;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Errors;
using Telephony.Data.Infrastructure;
using Telephony.Data.Metrics;
using Telephony.Web.Components.Common;
using Telephony.Web.Journal;
using Telephony.Web.Settings;

namespace Telephony.Web.Components.Pages;

public partial class ErrorsPage
{
    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { ChangeKinds.Error, ChangeKinds.Violation };

    private RecentErrors? errors;
    private IReadOnlyList<CallerViolations>? violations;

    [Inject]
    private MonitoringQueries Queries { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    /// <summary>The errors tile's amber and red limits (the Overview's, set on the Settings page).</summary>
    [Inject]
    private LiveThresholds Thresholds { get; set; } = null!;

    [Inject]
    private WebhookJournal Journal { get; set; } = null!;

    [Inject]
    private DatabaseIdentity Database { get; set; } = null!;

    [Inject]
    private AdminAuditLog Audit { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    private int quarantined;

    private int JournalPending => Journal.PendingCount;

    private string QuarantineFile => System.IO.Path.GetFileName(Journal.QuarantinePath);

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    private DateTimeOffset Now => Time.GetUtcNow();

    private static string ErrorsExportHref => Exports.ExportsApi.ErrorsPath.TrimStart('/');

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        errors = await Queries.GetRecentErrorsAsync(50, cancellationToken);
        violations = await Queries.GetRateLimitViolationsAsync(cancellationToken);
        quarantined = Journal.QuarantinedCount();
    }

    private async Task RequeueAsync()
    {
        if (!IsAdmin)
        {
            return;
        }

        var requeue = await JournalApi.RequeueQuarantinedAsync(User, Journal, Database, Audit, CancellationToken.None);
        var otherDatabase = requeue.OtherDatabase == 0 ? "" : $" {requeue.OtherDatabase} written against another database stay set aside.";
        Snackbar.Add($"{requeue.Requeued} set-aside webhook(s) put back for replay on {requeue.Instance}; {requeue.Pending} now wait in the journal.{otherDatabase}", Severity.Info);
        await RefreshAsync();
    }

    private static string KindLabel(WebhookErrorKind kind) => kind switch
    {
        WebhookErrorKind.SignatureFailure => "Bad signature",
        WebhookErrorKind.TwilioError => "Twilio error",
        WebhookErrorKind.DatabaseFailure => "Database",
        WebhookErrorKind.InvalidInput => "Invalid input",
        WebhookErrorKind.Reconciled => "Reconciled",
        WebhookErrorKind.Quarantined => "Set aside",
        WebhookErrorKind.HandlerException => "Handler exception",
        _ => "Other",
    };

    private static Color KindColor(WebhookErrorKind kind) => kind switch
    {
        WebhookErrorKind.SignatureFailure => Color.Warning,
        _ when WebhookErrorKinds.IsFailure(kind) => Color.Error,
        _ => Color.Default,
    };
}
