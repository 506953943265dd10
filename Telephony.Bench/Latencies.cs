using System.Diagnostics;

namespace Telephony.Bench;

/// <summary>Latency samples in stopwatch ticks; percentiles are read after the run (nearest rank).</summary>
internal sealed class Latencies
{
    private readonly List<long> ticks = [];
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return ticks.Count;
            }
        }
    }

    public void Add(long ticks)
    {
        lock (gate)
        {
            this.ticks.Add(ticks);
        }
    }

    public void AddRange(IEnumerable<long> ticks)
    {
        lock (gate)
        {
            this.ticks.AddRange(ticks);
        }
    }

    /// <summary>The <paramref name="percent"/>th percentile in milliseconds (NaN when empty).</summary>
    public double Percentile(double percent)
    {
        lock (gate)
        {
            if (ticks.Count == 0)
            {
                return double.NaN;
            }

            ticks.Sort();
            var rank = (int)Math.Ceiling(percent / 100 * ticks.Count) - 1;
            return ToMs(ticks[Math.Clamp(rank, 0, ticks.Count - 1)]);
        }
    }

    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
