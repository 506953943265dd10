namespace Telephony.Core.Alerts;

/// <summary>
/// Decides when an instance's own conditions page and when they resolve: a condition that lasts
/// <c>pageAfter</c> without a break triggers once; when it is no longer seen, a condition that paged resolves.
/// A condition that clears before the delay never pages. Pure: the caller brings the time and what it sees.
/// </summary>
public sealed class OutageTracker(TimeSpan pageAfter)
{
    private readonly Dictionary<string, (DateTimeOffset Since, string Detail)> seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> paged = new(StringComparer.Ordinal);

    /// <summary>Conditions that paged and have not resolved.</summary>
    public IReadOnlyCollection<string> Paged => paged;

    /// <summary>After a restart: conditions that had paged, so a clear sends their resolve and a lasting one does not page twice.</summary>
    public void Restore(string condition, DateTimeOffset since, string detail)
    {
        paged.Add(condition);
        seen.TryAdd(condition, (since, detail));
    }

    public IReadOnlyList<OutageTransition> Observe(DateTimeOffset now, IReadOnlyCollection<OutageObservation> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        var transitions = new List<OutageTransition>();
        foreach (var condition in seen.Keys.Where(k => active.All(a => a.Condition != k)).ToList())
        {
            var (since, detail) = seen[condition];
            seen.Remove(condition);
            if (paged.Remove(condition))
            {
                transitions.Add(new OutageTransition(condition, false, detail, since, now));
            }
        }

        foreach (var observation in active)
        {
            var since = seen.TryGetValue(observation.Condition, out var known) ? known.Since : now;
            seen[observation.Condition] = (since, observation.Detail);
            if (now - since >= pageAfter && paged.Add(observation.Condition))
            {
                transitions.Add(new OutageTransition(observation.Condition, true, observation.Detail, since, now));
            }
        }

        return transitions;
    }
}
