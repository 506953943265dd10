namespace Telephony.Bench;

/// <summary>What one load run measured.</summary>
internal sealed record LoadResult(int Requests, int Errors, TimeSpan Elapsed, Latencies Latencies, string? FirstError)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public double P50 => Latencies.Percentile(50);

    public double P99 => Latencies.Percentile(99);
}
