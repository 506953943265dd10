using System.ComponentModel.DataAnnotations;
using Telephony.Core.Alerts;
using Telephony.Data.Alerts;

namespace Telephony.Web.Alerts;

/// <summary>The <c>Alerts</c> section: rule thresholds (inherited), how often to evaluate, where to send and how to retry.</summary>
public sealed class AlertOptions : AlertThresholds, IValidatableObject
{
    [Range(1, 3600)]
    public double EvaluationSeconds { get; set; } = 30;

    public List<AlertWebhookOptions> Webhooks { get; set; } = [];

    /// <summary>How often the delivery worker looks for due notifications.</summary>
    [Range(10, 60_000)]
    public int DeliveryPollMilliseconds { get; set; } = 1000;

    /// <summary>Attempts per notification before it is marked failed (shown on the Alerts page).</summary>
    [Range(1, 50)]
    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each further one twice as long (capped at an hour).</summary>
    [Range(0.001, 3600)]
    public double DeliveryRetryBaseSeconds { get; set; } = 5;

    /// <summary>The <c>source</c> of PagerDuty events: which system raised them.</summary>
    [Required]
    public string Source { get; set; } = "telephony-hotline";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Webhooks.Count; i++)
        {
            var hook = Webhooks[i];
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"Alerts:Webhooks:{i}:Url must be an absolute http(s) URL.");
            }

            if (hook.Kind == AlertChannel.PagerDuty && string.IsNullOrWhiteSpace(hook.RoutingKey))
            {
                yield return new ValidationResult($"Alerts:Webhooks:{i}:RoutingKey is required for PagerDuty.");
            }

            if (!Enum.IsDefined(hook.Kind))
            {
                yield return new ValidationResult($"Alerts:Webhooks:{i}:Kind must be Slack, PagerDuty or Webhook.");
            }

            if (hook.MinSeverity is { } min && min is not (AlertSeverity.Warning or AlertSeverity.Critical))
            {
                yield return new ValidationResult($"Alerts:Webhooks:{i}:MinSeverity must be Critical or Warning.");
            }
        }
    }
}
