using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Twilio;

/// <summary><c>Telephony:*</c> settings: transfer targets, the rate limit, SMS texts and the webhook time budget.</summary>
public sealed class HotlineOptions
{
    [Required]
    [RegularExpression(@"^\+[1-9]\d{1,14}$", ErrorMessage = "Telephony:SalesNumber must be an E.164 number such as +15145550100.")]
    public string SalesNumber { get; set; } = "";

    [Required]
    [RegularExpression(@"^\+[1-9]\d{1,14}$", ErrorMessage = "Telephony:SupportNumber must be an E.164 number such as +15145550100.")]
    public string SupportNumber { get; set; } = "";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Named in SMS replies.</summary>
    public string CompanyName { get; set; } = "Hotline";

    /// <summary>What HELP answers with.</summary>
    public string ContactLine { get; set; } = "call us at this number, weekdays 9 to 5";

    /// <summary>The answer to any text that is not a keyword.</summary>
    public string SmsAutoReply { get; set; } = "Thanks for your message. This number does not read texts; please call us.";

    /// <summary>
    /// How long a webhook may spend on the database before it answers without it. Twilio gives up after 15 s;
    /// the caller must never hear silence, so this stays well under that.
    /// </summary>
    [Range(100, 10_000)]
    public int DatabaseBudgetMilliseconds { get; set; } = 3000;
}

public sealed class RateLimitOptions
{
    [Range(1, 10_000)]
    public int CallsPerMinute { get; set; } = 10;

    /// <summary>Calls from withheld caller IDs per minute, per number called (they cannot be told apart per caller).</summary>
    [Range(1, 100_000)]
    public int AnonymousCallsPerMinute { get; set; } = 60;

    /// <summary>How often counters of ended windows are deleted (also once at start).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
