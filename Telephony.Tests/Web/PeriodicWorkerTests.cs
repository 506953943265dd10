using Microsoft.Extensions.Time.Testing;
using Telephony.Web.Hosting;

namespace Telephony.Tests.Web;

/// <summary>The loop the background workers share: a run at start, then one per period of the app's clock, a failed run logged and the loop going on.</summary>
public sealed class PeriodicWorkerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_work_runs_at_start_then_every_period_and_a_failed_run_is_logged_and_the_loop_goes_on()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        using var worker = new CountingWorker(time, enabled: true);

        await worker.StartAsync(Ct);
        Assert.True(await worker.Ran.WaitAsync(TimeSpan.FromSeconds(5), Ct)); // at start, and it failed
        time.Advance(Period - TimeSpan.FromSeconds(1));
        Assert.False(await worker.Ran.WaitAsync(TimeSpan.FromMilliseconds(200), Ct));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await worker.Ran.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        time.Advance(Period);
        Assert.True(await worker.Ran.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        await worker.StopAsync(Ct);

        Assert.Equal(3, worker.Runs);
        Assert.Equal(["first run fails"], worker.Failures);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_worker_with_nothing_to_do_here_ends_at_start_without_running()
    {
        using var worker = new CountingWorker(new FakeTimeProvider(), enabled: false);

        await worker.StartAsync(Ct);
        await worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5), Ct); // ends by itself, long before the app stops

        Assert.True(worker.ExecuteTask.IsCompletedSuccessfully);
        Assert.Equal(0, worker.Runs);
        await worker.StopAsync(Ct);
    }

    private sealed class CountingWorker(TimeProvider time, bool enabled) : PeriodicWorker(time)
    {
        public SemaphoreSlim Ran { get; } = new(0);

        public int Runs { get; private set; }

        public List<string> Failures { get; } = [];

        protected override TimeSpan Period => PeriodicWorkerTests.Period;

        protected override bool Enabled => enabled;

        public override void Dispose()
        {
            Ran.Dispose();
            base.Dispose();
        }

        protected override Task RunOnceAsync(CancellationToken cancellationToken)
        {
            Runs++;
            Ran.Release();
            return Runs == 1 ? Task.FromException(new InvalidOperationException("first run fails")) : Task.CompletedTask;
        }

        protected override void LogFailure(Exception exception) => Failures.Add(exception.Message);
    }
}
