namespace Telephony.Data.Metrics;

/// <summary>Buckets classified calls into the 24 clock hours ending with the current one; empty hours stay 0.</summary>
internal sealed class HourlyVolumeAccumulator
{
    public const int Hours = 24;

    private readonly int[] offered = new int[Hours];
    private readonly int[] answered = new int[Hours];
    private readonly int[] voicemail = new int[Hours];
    private readonly int[] abandoned = new int[Hours];
    private readonly int[] blocked = new int[Hours];

    public HourlyVolumeAccumulator(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var currentHour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        From = currentHour.AddHours(1 - Hours);
        To = currentHour.AddHours(1);
    }

    /// <summary>Start of the oldest hour.</summary>
    public DateTimeOffset From { get; }

    /// <summary>End of the current hour (exclusive).</summary>
    public DateTimeOffset To { get; }

    public void Add(in CallFacts call, CallOutcome outcome)
    {
        // Tick arithmetic, not DateTimeOffset.Hour: the bucket is relative to the window, whatever the offset.
        var index = (int)((call.CreatedAt.UtcTicks - From.UtcTicks) / TimeSpan.TicksPerHour);
        if (index is < 0 or >= Hours)
        {
            return;
        }

        if (outcome == CallOutcome.Blocked)
        {
            blocked[index]++;
            return;
        }

        offered[index]++;
        switch (outcome)
        {
            case CallOutcome.Answered: answered[index]++; break;
            case CallOutcome.Voicemail: voicemail[index]++; break;
            case CallOutcome.Abandoned or CallOutcome.IvrAbandoned: abandoned[index]++; break;
        }
    }

    /// <summary>An hour's rollup (of calls not passed to <see cref="Add(in CallFacts, CallOutcome)"/>).</summary>
    public void Add(Rollups.CallHourRollup rollup)
    {
        var index = (int)((rollup.HourStart.UtcTicks - From.UtcTicks) / TimeSpan.TicksPerHour);
        if (index is < 0 or >= Hours)
        {
            return;
        }

        blocked[index] += rollup.Blocked;
        offered[index] += rollup.Offered;
        answered[index] += rollup.TransfersAnswered;
        voicemail[index] += rollup.Voicemails;
        abandoned[index] += rollup.Abandoned + rollup.IvrAbandons;
    }

    public IReadOnlyList<HourVolume> Build() =>
        Enumerable.Range(0, Hours)
            .Select(i => new HourVolume(From.AddHours(i), offered[i], answered[i], voicemail[i], abandoned[i], blocked[i]))
            .ToList();
}
