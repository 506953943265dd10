using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Telephony.Data.Audit;
using Telephony.Data.ChangeFeed;
using Telephony.Web.Components.Common;
using Telephony.Web.Privacy;

namespace Telephony.Web.Components.Pages;

public partial class AuditPage
{
    public const int PageSize = 50;

    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { ChangeKinds.Audit };

    private AuditLogPage? page;
    private IReadOnlyList<string> actions = [];
    private string? action;
    private string user = "";
    private DateTime? from;
    private DateTime? to;
    private int skip;

    [Inject]
    private AdminAuditLog Audit { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    [Inject]
    private IOptions<RetentionOptions> Retention { get; set; } = null!;

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    private TimeZoneInfo Zone => Clock.Zone;

    private string RetentionText => Retention.Value.AuditLogDays == 0
        ? L["Every admin action, who did it and when. Entries are never changed; they are kept for ever."]
        : L["Every admin action, who did it and when. Entries are never changed; they are kept for {0} days.", Retention.Value.AuditLogDays];

    private string RangeText => page is null ? "" : L["{0}–{1} of {2}", skip + 1, skip + page.Entries.Count, page.Total];

    private string ExportHref => AuditExportApi.Href(Filter());

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        // New entries arrive at the top; a reader paging through older ones keeps their place (the offset).
        page = await Audit.QueryAsync(Filter(), skip, PageSize, cancellationToken);
        // The filter lists every stored action by its name in the reader's language; its values stay the codes.
        actions = [.. (await Audit.ListActionsAsync(cancellationToken)).OrderBy(AuditActionNames.Of, StringComparer.CurrentCultureIgnoreCase)];
    }

    // The date pickers give days in the console's time zone; the range is [from 00:00, the day after "to" 00:00).
    private AuditFilter Filter() => new(action, string.IsNullOrWhiteSpace(user) ? null : user.Trim(), StartOfDay(from), StartOfDay(to?.AddDays(1)));

    private DateTimeOffset? StartOfDay(DateTime? day) =>
        day is { } d ? new DateTimeOffset(d.Date, Zone.GetUtcOffset(d.Date)) : null;

    private Task ActionChangedAsync(string? value) => FilterAsync(() => action = value);

    private Task UserChangedAsync(string value) => FilterAsync(() => user = value);

    private Task FromChangedAsync(DateTime? value) => FilterAsync(() => from = value);

    private Task ToChangedAsync(DateTime? value) => FilterAsync(() => to = value);

    private async Task FilterAsync(Action change)
    {
        change();
        skip = 0;
        await RefreshAsync();
    }

    private async Task PageAsync(int direction)
    {
        skip = Math.Max(0, skip + (direction * PageSize));
        await RefreshAsync();
    }
}
