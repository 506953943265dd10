namespace Telephony.Web.Alerts.Outage;

/// <summary>
/// One page of one condition by this instance: when it was seen, paged and cleared, every send, and whether the alert
/// history already says all of it. Kept on disk so a restart neither forgets a resolve nor loses the history.
/// </summary>
internal sealed class OutageIncident
{
    public string Condition { get; set; } = "";

    public string Detail { get; set; } = "";

    public DateTimeOffset Since { get; set; }

    public DateTimeOffset PagedAt { get; set; }

    public DateTimeOffset? ClearedAt { get; set; }

    /// <summary>The alert that holds this incident in the history, once written.</summary>
    public long? AlertId { get; set; }

    /// <summary>True when the history matches this incident as it is now.</summary>
    public bool Recorded { get; set; }

    public List<OutageSend> Sends { get; set; } = [];

    /// <summary>Cleared, every send done with, and written down: nothing left to do.</summary>
    public bool Finished => ClearedAt is not null && Recorded && Sends.TrueForAll(s => s.NextAttemptAt is null);
}
