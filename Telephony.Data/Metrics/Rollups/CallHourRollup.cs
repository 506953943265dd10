namespace Telephony.Data.Metrics.Rollups;

/// <summary>
/// The parent calls created in one UTC clock hour in one language, counted as the console's metrics count them: the
/// call counts behind <see cref="CallSuccessMetrics"/> and the hourly volume (<see cref="CallCounts"/>), and the consent
/// counts behind <see cref="ConsentCounts"/>. No phone number, no call id: a rollup outlives the calls it counts.
/// </summary>
public sealed class CallHourRollup : CallCounts
{
    /// <summary>Start of the hour, UTC.</summary>
    public DateTimeOffset HourStart { get; set; }

    /// <summary>The calls' language (<c>en</c>, <c>fr</c>).</summary>
    public string Language { get; set; } = "en";

    public int ConsentHeard { get; set; }

    public int ConsentStood { get; set; }

    public int ConsentWithdrawn { get; set; }

    public int RecordingsWithoutConsent { get; set; }
}
