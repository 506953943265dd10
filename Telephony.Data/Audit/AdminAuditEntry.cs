namespace Telephony.Data.Audit;

/// <summary>One administrative action (provisioning, user change, setting, export), who did it and when.</summary>
public class AdminAuditEntry
{
    public long Id { get; set; }

    public string? UserId { get; set; }

    public string? UserEmail { get; set; }

    public string Action { get; set; } = "";

    public string? Target { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset At { get; set; }
}
