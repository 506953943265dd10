using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Metrics;
using Telephony.Web.Components.Common;

namespace Telephony.Web.Components.Pages;

public partial class LiveCalls
{
    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { ChangeKinds.Call, ChangeKinds.Consent, ChangeKinds.Voicemail };

    /// <summary>Calls per page of the table.</summary>
    internal const int PageSize = 50;

    private ActiveCalls? active;
    private string? selected;
    private string? selectedCaller;
    private IReadOnlyList<CallEvent> timeline = [];
    private PeriodicTimer? ticker;

    [Inject]
    private MonitoringQueries Queries { get; set; } = null!;

    [Inject]
    private IDbContextFactory<TelephonyDbContext> Db { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    private DateTimeOffset Now => Time.GetUtcNow();

    private static string CallsExportHref => Exports.ExportsApi.CallsPath.TrimStart('/');

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        ticker = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        _ = TickAsync(ticker);
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        active = await Queries.GetActiveCallsAsync(cancellationToken);
        if (selected is not null)
        {
            await LoadTimelineAsync(cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ticker?.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task SelectAsync(ActiveCall call)
    {
        selected = call.CallSid;
        selectedCaller = call.From;
        await LoadTimelineAsync(Stopping);
    }

    private async Task LoadTimelineAsync(CancellationToken cancellationToken)
    {
        await using var db = await Db.CreateDbContextAsync(cancellationToken);
        var events = await db.CallEvents.AsNoTracking().Where(e => e.CallSid == selected).ToListAsync(cancellationToken);
        timeline = events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToList();
    }

    // Durations tick every second from the start time already on screen: no database read.
    private async Task TickAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(Stopping))
            {
                if (active is { Active.Count: > 0 })
                {
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private string StatusLabel(CallStatus status) => status switch
    {
        CallStatus.Ringing => L["Ringing"],
        CallStatus.InProgress => L["In progress"],
        _ => status.ToString(),
    };

    private string RouteLabel(CallRoute route) => route switch
    {
        CallRoute.None => L["In the menu"],
        CallRoute.Sales => L["Sales"],
        CallRoute.Support => L["Support"],
        _ => L["Voicemail"],
    };

    private string ConsentLabel(ConsentState consent) => consent switch
    {
        ConsentState.Granted => L["Granted"],
        ConsentState.Withdrawn => L["Withdrawn"],
        _ => L["Not yet"],
    };
}
