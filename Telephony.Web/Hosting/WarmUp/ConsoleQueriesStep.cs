using Telephony.Data.Metrics;
using Telephony.Web.Components.Common;

namespace Telephony.Web.Hosting.WarmUp;

/// <summary>
/// Runs the console's own queries, with the pages' own arguments (the hotline's time zone, the Consent page's 30 days),
/// round after round until the JIT is done with them: EF Core compiles each query on first use, and the code that
/// folds a window's calls runs unoptimised for its first passes, at several times the cost of a warm one.
/// </summary>
internal sealed partial class ConsoleQueriesStep(MonitoringQueries queries, ConsoleClock clock, TimeProvider time, ILogger<ConsoleQueriesStep> logger) : IWarmUpStep
{
    /// <summary>Rounds before the JIT is asked whether it is done.</summary>
    private const int MinRounds = 3;

    /// <summary>The time the console's rounds may take even when the webhooks used up the warm-up's time limit.</summary>
    private static readonly TimeSpan OwnTime = TimeSpan.FromSeconds(3);

    public string Name => "console queries";

    public async Task RunAsync(WarmUpRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var ownDeadline = time.GetUtcNow() + OwnTime;
        var (rounds, note) = await JitRounds.RunAsync(
            RoundAsync,
            MinRounds,
            run.Deadline > ownDeadline ? run.Deadline : ownDeadline,
            time,
            (round, methods) => LogRound(logger, round, methods),
            cancellationToken).ConfigureAwait(false);
        run.ConsoleRounds += rounds;
        if (note is not null)
        {
            run.Notes.Add("console queries " + note);
        }
    }

    private async Task<string?> RoundAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await queries.GetOverviewPageAsync(clock.Zone, cancellationToken: cancellationToken).ConfigureAwait(false);
        await queries.GetConsentAsync(now.AddDays(-30), now, clock.Zone, cancellationToken).ConfigureAwait(false);
        await queries.GetActiveCallsAsync(cancellationToken).ConfigureAwait(false);
        await queries.GetRecentErrorsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await queries.GetVoicemailBacklogAsync(cancellationToken).ConfigureAwait(false);
        await queries.GetRateLimitViolationsAsync(cancellationToken).ConfigureAwait(false);
        await queries.GetHourlyVolumeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up console round {Round}: {Methods} methods compiled since the last round")]
    private static partial void LogRound(ILogger logger, int round, long methods);
}
