using Telephony.Data.ChangeFeed;
using Telephony.Data.Metrics;

namespace Telephony.Web.Components.Common;

/// <summary>
/// The Overview's figures (also the wallboard's), read once per change for every screen that shows them. At ten million
/// calls a month a read folds about an hour of calls, and the page redraws several times a second: per screen, that
/// would be a read per redraw on every open Overview.
/// </summary>
public sealed class SharedOverview(MonitoringQueries queries, ConsoleClock clock, IChangeFeed feed, TimeProvider time)
    : SharedRead<OverviewPage>(feed, time)
{
    protected override Task<OverviewPage> ReadAsync(CancellationToken cancellationToken) =>
        queries.GetOverviewPageAsync(clock.Zone, cancellationToken: cancellationToken);
}
