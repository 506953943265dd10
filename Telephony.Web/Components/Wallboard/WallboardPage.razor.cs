using Microsoft.AspNetCore.Components;
using Telephony.Core.Alerts;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Metrics;
using Telephony.Web.Auth;
using Telephony.Web.Components.Common;
using Telephony.Web.Settings;
using Telephony.Web.Wallboard;

namespace Telephony.Web.Components.Wallboard;

/// <summary>
/// The wallboard: the Overview's headline figures and the voicemails waiting, large, live, for a TV. Open to a signed-in
/// Support or Admin user, or to anyone holding a wallboard link (<c>?token=</c>), which is checked again on every refresh
/// so a revoked link stops at once.
/// </summary>
public partial class WallboardPage
{
    /// <summary>How many waiting voicemails fit on the screen.</summary>
    public const int QueueRows = 10;

    // Audit: a token revoked elsewhere is announced as an audit entry; the wallboard re-checks its own at once.
    private static readonly IReadOnlySet<string> Kinds = new HashSet<string>
    {
        ChangeKinds.Call, ChangeKinds.Voicemail, ChangeKinds.Audit,
    };

    private OverviewSnapshot? snapshot;
    private CallSuccessMetrics? today;
    private IReadOnlyList<WaitingVoicemail> waiting = [];

    /// <summary>The wallboard link's token, when opened from one.</summary>
    [SupplyParameterFromQuery(Name = "token")]
    public string? Token { get; set; }

    [Inject]
    private MonitoringQueries Queries { get; set; } = null!;

    [Inject]
    private SharedOverview Figures { get; set; } = null!;

    [Inject]
    private WallboardTokens Tokens { get; set; } = null!;

    [Inject]
    private ConsoleClock Clock { get; set; } = null!;

    protected WallboardAccess Access { get; private set; } = WallboardAccess.Checking;

    protected override IReadOnlySet<string> WatchedKinds => Kinds;

    private IEnumerable<WallboardTile> Tiles
    {
        get
        {
            var calls = snapshot!.Calls;
            var backlog = snapshot.Voicemail;
            var limits = TileLimits;
            yield return new(L["Active calls"], MetricFormat.Count(snapshot.ActiveCalls.Active.Count), L["ringing or in progress"], TileTone.Neutral, "wallboard-active");
            yield return new(L["Calls today"], MetricFormat.Count(today?.Offered ?? 0), L["since midnight {0}", Clock.Label(snapshot.At)], TileTone.Neutral, "wallboard-today");
            yield return new(L["Answer rate (24 h)"], MetricFormat.Percent(calls.AnswerRate), L["{0} of {1} transfers", calls.TransfersAnswered, calls.TransfersAttempted],
                limits.AnswerRate(calls.AnswerRate), "wallboard-answer-rate");
            yield return new(L["Call success (24 h)"], MetricFormat.Percent(calls.CallSuccessRate), L["reached a person or voicemail"],
                limits.CallSuccess(calls.CallSuccessRate), "wallboard-success");
            yield return new(L["Voicemail backlog"], MetricFormat.Count(backlog.Total), L["{0} new · {1} claimed", backlog.New, backlog.Claimed],
                limits.VoicemailBacklog(backlog.Total), "wallboard-backlog");
            yield return new(L["Oldest waiting"], MetricFormat.Age(backlog.OldestAge), L["voicemail not yet called back"],
                limits.OldestVoicemail(backlog.OldestAge), "wallboard-oldest");
        }
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Access = await DecideAccessAsync(cancellationToken);
        if (Access != WallboardAccess.Allowed)
        {
            snapshot = null;
            waiting = [];
            return;
        }

        var page = await Figures.GetAsync(ChangedThrough, cancellationToken);
        snapshot = page.Snapshot;
        today = page.Today;
        waiting = await Queries.GetWaitingVoicemailsAsync(QueueRows, cancellationToken);
    }

    private async Task<WallboardAccess> DecideAccessAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(Roles.Support) || User.IsInRole(Roles.Admin))
        {
            return WallboardAccess.Allowed;
        }

        if (Token is not null)
        {
            return await Tokens.IsValidAsync(Token, cancellationToken) ? WallboardAccess.Allowed : WallboardAccess.InvalidToken;
        }

        return User.Identity?.IsAuthenticated == true ? WallboardAccess.Forbidden : WallboardAccess.SignIn;
    }

    private sealed record WallboardTile(string Title, string Value, string Caption, TileTone Tone, string TestId);
}
