using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Telephony.Core.Voicemail;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Voicemail;
using Telephony.Web.Components.Common;
using Telephony.Web.Privacy;

namespace Telephony.Web.Components.Pages;

public partial class VoicemailInbox
{
    /// <summary>The view the page opens on.</summary>
    internal const string DefaultView = "backlog";

    private static readonly string[] Views = ["backlog", "new", "claimed", "calledback", "archived", "all"];

    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { ChangeKinds.Voicemail };

    private IReadOnlyList<VoicemailRow>? rows;
    private IReadOnlyList<Assignee> assignees = [];
    private string view = DefaultView;
    private string search = "";
    private string? message;
    private VoicemailRow? callingBack;
    private VoicemailRow? confirmingDelete;
    private string note = "";
    private CallbackSla sla = null!;

    [Inject]
    private Telephony.Data.Voicemail.VoicemailInbox Inbox { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    [Inject]
    private IOptions<RetentionOptions> Retention { get; set; } = null!;

    [Inject]
    private RecordingDeletion Deletion { get; set; } = null!;

    [Inject]
    private IOptions<ConsoleOptions> Options { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private string EmptyText => string.IsNullOrWhiteSpace(search)
        ? view == "backlog" ? L["No voicemail waiting. The backlog is clear."] : L["No voicemail here."]
        : L["No voicemail matches “{0}”.", search];

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    protected override async Task OnInitializedAsync()
    {
        sla = new CallbackSla(Options.Value.BusinessHoursIn(Clock.Zone), Options.Value.CallbackSlaHours);
        await base.OnInitializedAsync();
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        rows = await Inbox.ListAsync(new VoicemailFilter(StatesFor(view), search), cancellationToken);
        assignees = await Inbox.ListAssigneesAsync(cancellationToken);
    }

    private async Task ChangeViewAsync(string? value)
    {
        view = value ?? "backlog";
        await RefreshAsync();
    }

    private async Task SearchAsync(string value)
    {
        search = value;
        await RefreshAsync();
    }

    private Task ClaimAsync(VoicemailRow row) => ActAsync(Inbox.ClaimAsync(row.Id, row.Version, UserId, Stopping));

    private Task AssignAsync(VoicemailRow row, string? assigneeUserId) => ActAsync(Inbox.AssignAsync(row.Id, row.Version, assigneeUserId, Stopping));

    private Task ReleaseAsync(VoicemailRow row) => ActAsync(Inbox.ReleaseAsync(row.Id, row.Version, Stopping));

    private Task ArchiveAsync(VoicemailRow row) => ActAsync(Inbox.ArchiveAsync(row.Id, row.Version, Stopping));

    private void StartCallBack(VoicemailRow row)
    {
        callingBack = row;
        note = "";
    }

    private async Task CalledBackAsync(VoicemailRow row)
    {
        await ActAsync(Inbox.MarkCalledBackAsync(row.Id, row.Version, UserId, note, Stopping));
        callingBack = null;
    }

    // The service refuses Support (the button is not even shown to them); admins confirm first.
    private async Task DeleteRecordingAsync(VoicemailRow row)
    {
        confirmingDelete = null;
        message = await Deletion.DeleteAsync(User, row.Id, Stopping) switch
        {
            RecordingDeleteOutcome.Deleted => (string?)null,
            RecordingDeleteOutcome.AlreadyDeleted => L["That recording was already deleted."],
            RecordingDeleteOutcome.Forbidden => L["Only admins can delete recordings."],
            _ => L["That voicemail no longer exists."],
        };
        await RefreshAsync();
    }

    private string DeletedReason(string? by) => by switch
    {
        RecordingRetention.RetentionActor => L["retention"],
        "erasure" => L["erasure request"],
        null => L["deleted"],
        _ => L["by {0}", by],
    };

    private async Task ActAsync(Task<InboxOutcome> move)
    {
        message = await move switch
        {
            InboxOutcome.Done => (string?)null,
            InboxOutcome.Stale => L["Someone else changed this voicemail a moment ago. The list is up to date now; check it and try again."],
            InboxOutcome.NotAllowed => L["That action no longer applies to this voicemail."],
            _ => L["That voicemail no longer exists."],
        };
        await RefreshAsync();
    }

    private SlaBadge Badge(VoicemailRow row) => sla.Badge(row.CreatedAt, Now, row.CalledBackAt);

    private string ViewLabel(string key) => key switch
    {
        "backlog" => L["Backlog"],
        "new" => L["New"],
        "claimed" => L["Claimed"],
        "calledback" => L["Called back"],
        "archived" => L["Archived"],
        _ => L["All"],
    };

    internal static IEnumerable<string> ViewKeys => Views;

    private string ExportHref => Exports.ExportsApi.VoicemailHref(view, search);

    internal static bool IsView(string key) => Views.Contains(key);

    /// <summary>The triage states a view lists (null: every state); the export uses the same.</summary>
    internal static IReadOnlyList<VoicemailState>? StatesFor(string view) => view switch
    {
        "new" => [VoicemailState.New],
        "claimed" => [VoicemailState.Claimed],
        "calledback" => [VoicemailState.CalledBack],
        "archived" => [VoicemailState.Archived],
        "all" => null,
        _ => [VoicemailState.New, VoicemailState.Claimed],
    };

    private string StateLabel(VoicemailState state) => state switch
    {
        VoicemailState.New => L["New"],
        VoicemailState.Claimed => L["Claimed"],
        VoicemailState.CalledBack => L["Called back"],
        _ => L["Archived"],
    };

    private static Color StateColor(VoicemailState state) => state switch
    {
        VoicemailState.New => Color.Info,
        VoicemailState.Claimed => Color.Warning,
        VoicemailState.CalledBack => Color.Success,
        _ => Color.Default,
    };

    private string BadgeLabel(SlaBadge badge) => badge switch
    {
        SlaBadge.OnTime => L["On time"],
        SlaBadge.DueSoon => L["Due soon"],
        SlaBadge.Overdue => L["Overdue"],
        SlaBadge.Met => L["Met"],
        _ => L["Missed"],
    };

    private static Color BadgeColor(SlaBadge badge) => badge switch
    {
        SlaBadge.OnTime or SlaBadge.Met => Color.Success,
        SlaBadge.DueSoon => Color.Warning,
        _ => Color.Error,
    };
}
