namespace Telephony.Data.Alerts;

/// <summary>Open (firing or acknowledged) alerts by severity.</summary>
public sealed record OpenAlertCounts(int Critical, int Warning)
{
    public int Total => Critical + Warning;
}
