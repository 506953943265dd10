using Microsoft.Extensions.Options;
using Telephony.Data.Metrics.Rollups;
using Telephony.Data.Sms;
using Telephony.Web.Hosting;

namespace Telephony.Web.Privacy;

/// <summary>
/// Deletes the calls (with their transfer legs and timelines) and the SMS messages past <c>Retention:CallDays</c>, every
/// <c>Retention:PurgeInterval</c>, on every instance. Calls go only behind the hourly rollups, which keep their counts
/// (<see cref="HourlyRollups.ExpireCallsAsync"/>: one instance at a time, under the rollup lease); SMS messages go in
/// batched idempotent deletes that instances share. Voicemail rows, the consent ledger and SMS opt-outs are not
/// touched: they have their own retention (<c>docs/adr/0014-call-detail-retention.md</c>).
/// </summary>
internal sealed class CallDetailCleanup(
    HourlyRollups rollups, SmsStore sms, IOptions<RetentionOptions> options, TimeProvider timeProvider, ILogger<CallDetailCleanup> logger)
    : PeriodicPurge(timeProvider, logger)
{
    /// <summary>Calls per step and rows per statement: a short transaction and a bounded amount of WAL each.</summary>
    public const int BatchSize = 5_000;

    /// <summary>How long one run may delete calls before it gives the rollup lease back (the next run goes on).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    private readonly TimeProvider time = timeProvider;

    protected override string What => "calls, call timelines and SMS messages past retention";

    protected override TimeSpan Interval => options.Value.PurgeInterval;

    public override async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().AddDays(-options.Value.CallDays);
        var calls = await rollups.ExpireCallsAsync(before, BatchSize, Budget, cancellationToken).ConfigureAwait(false);
        var messages = await sms.PurgeAsync(before, cancellationToken, BatchSize).ConfigureAwait(false);
        return calls.Calls + calls.Events + messages;
    }
}
