using System.Runtime;

namespace Telephony.Web.Hosting.WarmUp;

/// <summary>
/// Repeats a warm-up round until the JIT has little left to compile: tiered compilation recompiles a method optimised
/// only after about 30 calls, and a loop runs on-stack-replaced code until then, so one pass over a path leaves it
/// running at a fraction of its speed.
/// </summary>
internal static class JitRounds
{
    /// <summary>Methods compiled during a round (and the pause after it) below which the code counts as warm.</summary>
    public const long QuietMethods = 25;

    /// <summary>
    /// The pause after each round: tiered compilation starts counting calls only after 100 ms without new methods, then
    /// compiles the hot ones on a background thread.
    /// </summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs <paramref name="round"/> until, after at least <paramref name="minRounds"/>, a round compiles fewer than
    /// <see cref="QuietMethods"/> methods, or until <paramref name="deadline"/> has passed.
    /// </summary>
    /// <returns>The rounds run, and a note when the round failed (its own message) or the time limit cut it short.</returns>
    public static async Task<(int Rounds, string? Note)> RunAsync(
        Func<CancellationToken, Task<string?>> round,
        int minRounds,
        DateTimeOffset deadline,
        TimeProvider time,
        Action<int, long> onRound,
        CancellationToken cancellationToken)
    {
        var compiled = JitInfo.GetCompiledMethodCount();
        for (var rounds = 1; ; rounds++)
        {
            if (await round(cancellationToken).ConfigureAwait(false) is { } failure)
            {
                return (rounds, failure);
            }

            await Task.Delay(Pause, time, cancellationToken).ConfigureAwait(false);
            var now = JitInfo.GetCompiledMethodCount();
            onRound(rounds, now - compiled);
            var quiet = now - compiled < QuietMethods;
            compiled = now;
            if (rounds >= minRounds && quiet)
            {
                return (rounds, null);
            }

            if (time.GetUtcNow() >= deadline)
            {
                return (rounds, $"stopped at its time limit after {rounds} rounds, the JIT still compiling");
            }
        }
    }
}
