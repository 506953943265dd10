namespace Telephony.Core.Voicemail;

/// <summary>How a voicemail stands against the callback SLA (METRICS.md: default 4 business hours).</summary>
public enum SlaBadge
{
    OnTime,
    DueSoon,
    Overdue,
    Met,
    Missed,
}

/// <summary>The callback SLA: due <see cref="Hours"/> business hours after the voicemail arrived.</summary>
public sealed record CallbackSla(BusinessHours BusinessHours, double Hours = 4, double DueSoonHours = 1)
{
    public DateTimeOffset DueAt(DateTimeOffset receivedAt) => BusinessHours.AddBusinessHours(receivedAt, Hours);

    /// <summary>The badge for a voicemail now; once called back it is met or missed for good.</summary>
    public SlaBadge Badge(DateTimeOffset receivedAt, DateTimeOffset now, DateTimeOffset? calledBackAt = null)
    {
        var due = DueAt(receivedAt);
        if (calledBackAt is { } done)
        {
            return done <= due ? SlaBadge.Met : SlaBadge.Missed;
        }

        if (now > due)
        {
            return SlaBadge.Overdue;
        }

        return BusinessHours.AddBusinessHours(now, DueSoonHours) >= due ? SlaBadge.DueSoon : SlaBadge.OnTime;
    }
}
