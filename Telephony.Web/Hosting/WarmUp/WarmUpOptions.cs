namespace Telephony.Web.Hosting.WarmUp;

/// <summary><c>WarmUp</c> settings: the start-up warm-up that <c>/health/ready</c> waits for.</summary>
public sealed class WarmUpOptions
{
    /// <summary>Off: ready as soon as the dependencies are (the first webhooks then pay for compiling the code).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest the warm-up may take; ready after it whatever is still compiling.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Throw-away calls sent at once in each round, so that batches of several are compiled and planned too.</summary>
    public int CallsPerRound { get; set; } = 8;
}
