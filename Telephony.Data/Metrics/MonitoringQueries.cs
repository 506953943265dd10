using Microsoft.EntityFrameworkCore;
using Telephony.Data.Metrics.Rollups;

namespace Telephony.Data.Metrics;

/// <summary>
/// The console's monitoring views (METRICS.md), read-only and untracked. "Now" comes from <see cref="TimeProvider"/>;
/// windowed views take an explicit <c>[from, to)</c>. Results are identical on SQLite and PostgreSQL. The thresholds are
/// <paramref name="metricsOptions"/> (the app registers the configured ones; <see cref="CallMetricsOptions.Default"/> when
/// none are given) unless a call passes its own.
/// </summary>
public sealed class MonitoringQueries(
    IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider, CallMetricsOptions? metricsOptions = null)
{
    private readonly CallMetricsOptions configured = metricsOptions ?? CallMetricsOptions.Default;

    /// <summary>How many rows the "latest" lists return unless asked otherwise.</summary>
    public const int DefaultLatest = 20;

    /// <summary>Parent calls ringing or in progress; those silent for 4 h are returned as stale.</summary>
    public Task<ActiveCalls> GetActiveCallsAsync(CancellationToken cancellationToken = default) =>
        RunAsync((db, now, ct) => ActiveCallsQuery.RunAsync(db, now, ct), cancellationToken);

    /// <summary>The last 24 clock hours (UTC), oldest first, each with offered / answered / voicemail / abandoned; empty hours are 0.</summary>
    public Task<IReadOnlyList<HourVolume>> GetHourlyVolumeAsync(CallMetricsOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(async (db, now, ct) =>
        {
            var effective = options ?? configured;
            var folded = await WindowFold.FoldedThroughAsync(db, effective, ct).ConfigureAwait(false);
            var volume = new HourlyVolumeAccumulator(now);
            WindowSink[] sinks = [new(new MetricsWindow(volume.From, volume.To, folded)) { OnCall = (c, o) => volume.Add(c, o), OnRollup = volume.Add }];
            await WindowFold.RunAsync(db, sinks, effective, ct).ConfigureAwait(false);
            return volume.Build();
        }, cancellationToken);

    /// <summary>Webhook errors of the last hour: per-minute counts and the <paramref name="latest"/> newest rows.</summary>
    public Task<RecentErrors> GetRecentErrorsAsync(int latest = DefaultLatest, CancellationToken cancellationToken = default) =>
        RunAsync((db, now, ct) => RecentErrorsQuery.RunAsync(db, now, latest, ct), cancellationToken);

    /// <summary>Rate-limit rejections of the last hour grouped by caller, the most rejected first.</summary>
    public Task<IReadOnlyList<CallerViolations>> GetRateLimitViolationsAsync(CancellationToken cancellationToken = default) =>
        RunAsync((db, now, ct) => RateLimitViolationsQuery.RunAsync(db, now, ct), cancellationToken);

    /// <summary>Failed provisioning transactions: total, failed in the last hour, the <paramref name="latest"/> newest.</summary>
    public Task<FailedTransactions> GetFailedTransactionsAsync(int latest = DefaultLatest, CancellationToken cancellationToken = default) =>
        RunAsync((db, now, ct) => FailedTransactionsQuery.RunAsync(db, now, latest, ct), cancellationToken);

    /// <summary>Phone numbers counted by status and webhook configuration status.</summary>
    public Task<IReadOnlyList<NumberStatusCount>> GetNumberStatusAsync(CancellationToken cancellationToken = default) =>
        RunAsync((db, _, ct) => NumberStatusQuery.RunAsync(db, ct), cancellationToken);

    /// <summary>Voicemails new or claimed, and the age of the oldest (null when none wait).</summary>
    public Task<VoicemailBacklog> GetVoicemailBacklogAsync(CancellationToken cancellationToken = default) =>
        RunAsync((db, now, ct) => VoicemailBacklogQuery.RunAsync(db, now, ct), cancellationToken);

    /// <summary>The <paramref name="take"/> voicemails waiting longest (new or claimed), the oldest first.</summary>
    public Task<IReadOnlyList<WaitingVoicemail>> GetWaitingVoicemailsAsync(int take, CancellationToken cancellationToken = default) =>
        RunAsync((db, _, ct) => WaitingVoicemailsQuery.RunAsync(db, Math.Clamp(take, 1, 500), ct), cancellationToken);

    /// <summary>Answer rate, service level, ASA, abandonment, talk time and success rate for calls created in <c>[from, to)</c>.</summary>
    public Task<CallSuccessMetrics> GetCallSuccessAsync(
        DateTimeOffset from, DateTimeOffset to, CallMetricsOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(async (db, _, ct) =>
        {
            var effective = options ?? configured;
            var folded = await WindowFold.FoldedThroughAsync(db, effective, ct).ConfigureAwait(false);
            var success = new CallSuccessAccumulator(effective);
            WindowSink[] sinks = [new(new MetricsWindow(from, to, folded)) { OnCall = (c, o) => success.Add(c, o), OnRollup = success.Add }];
            await WindowFold.RunAsync(db, sinks, effective, ct).ConfigureAwait(false);
            return success.Build(from, to);
        }, cancellationToken);

    /// <summary>Consent for calls created in <c>[from, to)</c>, by day in <paramref name="zone"/> (UTC when null) and language.</summary>
    public Task<ConsentMetrics> GetConsentAsync(
        DateTimeOffset from, DateTimeOffset to, TimeZoneInfo? zone = null, CancellationToken cancellationToken = default) =>
        RunAsync((db, _, ct) => ConsentMetricsQuery.RunAsync(db, from, to, zone ?? TimeZoneInfo.Utc, configured, ct), cancellationToken);

    /// <summary>The Overview page's tiles and chart in one go.</summary>
    public Task<OverviewSnapshot> GetOverviewAsync(CallMetricsOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync((db, now, ct) => OverviewQuery.RunAsync(db, now, options ?? configured, ct), cancellationToken);

    /// <summary>
    /// One load of the Overview page: <see cref="GetOverviewAsync"/>, <see cref="GetCallSuccessAsync"/> since midnight in
    /// <paramref name="zone"/> (UTC when null) and <see cref="GetConsentAsync"/> totals for the last 24 hours, with the
    /// same answers, from one read of the calls on one connection.
    /// </summary>
    public Task<OverviewPage> GetOverviewPageAsync(
        TimeZoneInfo? zone = null, CallMetricsOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync((db, now, ct) => OverviewPageQuery.RunAsync(db, now, zone ?? TimeZoneInfo.Utc, options ?? configured, ct), cancellationToken);

    private async Task<T> RunAsync<T>(Func<TelephonyDbContext, DateTimeOffset, CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await query(db, now, cancellationToken).ConfigureAwait(false);
        }
    }
}
