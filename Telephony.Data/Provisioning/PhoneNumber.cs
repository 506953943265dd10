namespace Telephony.Data.Provisioning;

/// <summary>A Twilio number owned by a tenant, with the webhook URLs it was configured with.</summary>
public class PhoneNumber
{
    public string Sid { get; set; } = "";

    public string E164 { get; set; } = "";

    public Guid? TenantId { get; set; }

    public string? FriendlyName { get; set; }

    public string? VoiceUrl { get; set; }

    public string? VoiceFallbackUrl { get; set; }

    public string? StatusCallbackUrl { get; set; }

    public string? SmsUrl { get; set; }

    /// <summary>Whether the webhook URLs are set on Twilio's side (<c>pending</c>, <c>configured</c>, <c>failed</c>).</summary>
    public string ConfigurationStatus { get; set; } = "pending";

    /// <summary><c>active</c> or <c>released</c>.</summary>
    public string Status { get; set; } = "active";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }
}
