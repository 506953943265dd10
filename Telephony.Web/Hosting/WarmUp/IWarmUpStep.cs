namespace Telephony.Web.Hosting.WarmUp;

/// <summary>One part of the start-up warm-up; the parts run one after the other, in the order they were registered.</summary>
public interface IWarmUpStep
{
    /// <summary>What the step warms, for the log.</summary>
    string Name { get; }

    Task RunAsync(WarmUpRun run, CancellationToken cancellationToken);
}

/// <summary>The warm-up under way: its time limit, and what its steps report.</summary>
public sealed class WarmUpRun(DateTimeOffset deadline)
{
    public DateTimeOffset Deadline { get; } = deadline;

    /// <summary>Rounds of throw-away calls sent.</summary>
    public int Rounds { get; set; }

    /// <summary>Rounds of the console's queries run.</summary>
    public int ConsoleRounds { get; set; }

    /// <summary>Why the warm-up is not complete, if it is not (a step that failed, the time limit).</summary>
    public List<string> Notes { get; } = [];
}
