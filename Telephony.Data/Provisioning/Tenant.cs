namespace Telephony.Data.Provisioning;

/// <summary>A customer onboarded with its own Twilio subaccount.</summary>
public class Tenant
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string AreaCode { get; set; } = "";

    public string? SubaccountSid { get; set; }

    /// <summary><c>pending</c>, <c>active</c> or <c>closed</c>.</summary>
    public string Status { get; set; } = "pending";

    public DateTimeOffset CreatedAt { get; set; }
}
