using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Provisioning;

/// <summary><c>Provisioning:*</c> settings: leases, recovery, the Twilio REST client's resilience, idempotency keys.</summary>
public sealed class ProvisioningOptions
{
    /// <summary>How long an instance's claim on a transaction holds without renewal; after it, another instance takes over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the recovery worker looks for abandoned transactions.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan TwilioAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan TwilioTotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Range(0, 10)]
    public int TwilioMaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan TwilioRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a request waits for an in-flight duplicate (same Idempotency-Key) before answering 409.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan IdempotencyWait { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdempotencyPurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
