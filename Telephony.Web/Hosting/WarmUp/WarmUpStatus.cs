namespace Telephony.Web.Hosting.WarmUp;

/// <summary>Where the start-up warm-up is: what <c>/health/ready</c>'s <c>warm-up</c> entry reports.</summary>
public sealed class WarmUpStatus
{
    private readonly Lock gate = new();
    private WarmUpResult? result;

    /// <summary>Null while the warm-up runs; what it did once it is done.</summary>
    public WarmUpResult? Result
    {
        get
        {
            lock (gate)
            {
                return result;
            }
        }
    }

    internal void Finish(WarmUpResult done)
    {
        lock (gate)
        {
            result = done;
        }
    }
}

/// <summary>
/// A finished warm-up: the time from the process's start to the moment it was ready, how long the warm-up itself took,
/// how many rounds of webhooks it sent and of the console's queries it ran, the managed heap's committed memory once the
/// warm-up's garbage was given back (<paramref name="HeapCommittedBytes"/>), and why it was cut short if it was
/// (<paramref name="Note"/>).
/// </summary>
public sealed record WarmUpResult(TimeSpan SinceProcessStart, TimeSpan Duration, int Rounds, int ConsoleRounds, long MethodsCompiled, long HeapCommittedBytes, string? Note);
