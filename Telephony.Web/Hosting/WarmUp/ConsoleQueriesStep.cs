using Telephony.Data.Metrics;

namespace Telephony.Web.Hosting.WarmUp;

/// <summary>Runs the console's own queries once, so that EF Core has compiled them and the JIT their code before a person opens a page.</summary>
internal sealed class ConsoleQueriesStep(MonitoringQueries queries) : IWarmUpStep
{
    public string Name => "console queries";

    public async Task RunAsync(WarmUpRun run, CancellationToken cancellationToken)
    {
        await queries.GetOverviewPageAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await queries.GetActiveCallsAsync(cancellationToken).ConfigureAwait(false);
        await queries.GetRecentErrorsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await queries.GetVoicemailBacklogAsync(cancellationToken).ConfigureAwait(false);
        await queries.GetRateLimitViolationsAsync(cancellationToken).ConfigureAwait(false);
        await queries.GetHourlyVolumeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
