using System.Diagnostics;

namespace Telephony.Bench;

/// <summary>Latency samples in stopwatch ticks; percentiles are read after the run (nearest rank).</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ticks.Count;
            }
        }
    }

    public void Add(long ticks)
    {
        lock (_gate)
        {
            _ticks.Add(ticks);
        }
    }

    public void AddRange(IEnumerable<long> ticks)
    {
        lock (_gate)
        {
            _ticks.AddRange(ticks);
        }
    }

    /// <summary>The <paramref name="percent"/>th percentile in milliseconds (NaN when empty).</summary>
    public double Percentile(double percent)
    {
        lock (_gate)
        {
            if (_ticks.Count == 0)
            {
                return double.NaN;
            }

            _ticks.Sort();
            var rank = (int)Math.Ceiling(percent / 100 * _ticks.Count) - 1;
            return ToMs(_ticks[Math.Clamp(rank, 0, _ticks.Count - 1)]);
        }
    }

    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
