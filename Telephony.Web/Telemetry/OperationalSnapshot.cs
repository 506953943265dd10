namespace Telephony.Web.Telemetry;

/// <summary>
/// The last <see cref="OperationalSample"/> the sampler read. Scrapes read this, never the database, so a scrape costs
/// nothing and a database outage leaves the last known figures in place.
/// </summary>
public sealed class OperationalSnapshot
{
    private volatile OperationalSample? latest;

    /// <summary>Null until the database first answered.</summary>
    public OperationalSample? Latest => latest;

    public void Update(OperationalSample sample) => latest = sample;
}
