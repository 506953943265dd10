using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Hosting.WarmUp;

/// <summary>
/// Once the server has started, runs the warm-up steps (connections, webhooks, console queries) and then marks the
/// instance warm, which is what <c>/health/ready</c>'s <c>warm-up</c> entry waits for. A step that fails is logged and
/// noted; the instance is then ready cold rather than never.
/// </summary>
internal sealed partial class StartupWarmUp(
    IHostApplicationLifetime lifetime,
    IEnumerable<IWarmUpStep> steps,
    WarmUpStatus status,
    IOptions<WarmUpOptions> options,
    TimeProvider time,
    ILogger<StartupWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            status.Finish(new WarmUpResult(SinceProcessStart(), TimeSpan.Zero, 0, 0, 0, GC.GetGCMemoryInfo().TotalCommittedBytes, "turned off (WarmUp:Enabled)"));
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        var begin = time.GetTimestamp();
        var methodsBefore = JitInfo.GetCompiledMethodCount();
        var run = new WarmUpRun(time.GetUtcNow() + options.Value.MaxDuration);
        foreach (var step in steps)
        {
            try
            {
                await step.RunAsync(run, stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed warm-up leaves the instance cold, not unready: logged and reported.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogStepFailed(logger, step.Name, e.GetType().Name, e);
                run.Notes.Add($"{step.Name} failed ({e.GetType().Name})");
            }
        }

        // The warm-up's throw-away calls and console reads leave some 30 MB of garbage on the heap, which the collector
        // would otherwise keep committed for the life of the process; one aggressive collection (a blocking, compacting
        // gen 2 that decommits what it frees) gives it back before the instance takes traffic.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var result = new WarmUpResult(SinceProcessStart(), time.GetElapsedTime(begin), run.Rounds, run.ConsoleRounds,
            JitInfo.GetCompiledMethodCount() - methodsBefore, GC.GetGCMemoryInfo().TotalCommittedBytes,
            run.Notes.Count == 0 ? null : string.Join("; ", run.Notes));
        status.Finish(result);
        LogReady(logger, result.SinceProcessStart.TotalMilliseconds, result.Duration.TotalMilliseconds, result.Rounds, result.ConsoleRounds, result.MethodsCompiled, result.HeapCommittedBytes / (1024.0 * 1024), result.Note ?? "complete");
    }

    private TimeSpan SinceProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return time.GetUtcNow() - process.StartTime.ToUniversalTime();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm and ready {SinceStartMs:F0} ms after the process started: warm-up {WarmUpMs:F0} ms, {Rounds} rounds of throw-away calls, {ConsoleRounds} of console queries, {Methods} methods compiled, heap {HeapMb:F0} MB committed ({Outcome})")]
    private static partial void LogReady(ILogger logger, double sinceStartMs, double warmUpMs, int rounds, int consoleRounds, long methods, double heapMb, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up step {Step} failed ({Error}); the instance becomes ready without it")]
    private static partial void LogStepFailed(ILogger logger, string step, string error, Exception exception);
}
