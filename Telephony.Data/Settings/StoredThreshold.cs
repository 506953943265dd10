namespace Telephony.Data.Settings;

/// <summary>
/// A threshold an admin changed on the Settings page, overriding its configured default. No row means the configured
/// value is in force; resetting a setting removes its row.
/// </summary>
public class StoredThreshold
{
    /// <summary>The setting's key, which is also its configuration key (<c>Alerts:MaxVoicemailBacklog</c>).</summary>
    public string Key { get; set; } = "";

    /// <summary>In stored units (rates as fractions).</summary>
    public double Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
