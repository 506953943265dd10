using System.Text;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Alerts;

/// <summary>
/// Posts one notice to one webhook and says how it went. Shared by the database outbox and the outage pager, so both
/// send the same bodies with the same client (no request logging: a Slack webhook URL is itself a secret).
/// </summary>
public sealed class AlertWebhookSender(IHttpClientFactory httpClients, IOptions<AlertOptions> options)
{
    public const string HttpClientName = "alert-webhooks";

    /// <summary>Null when the webhook accepted the notice; otherwise a short reason fit for people (never the URL).</summary>
    public async Task<string?> SendAsync(AlertNotice notice, AlertWebhookOptions hook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hook);
        try
        {
            using var content = new StringContent(AlertPayloads.For(notice, hook, options.Value.Source), Encoding.UTF8, "application/json");
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.PostAsync(new Uri(hook.Url), content, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e is TaskCanceledException ? "Timed out" : $"Connection failed ({e.GetType().Name})";
        }
    }

    /// <summary>When the next attempt is due after <paramref name="attempts"/> failures; null once they are used up.</summary>
    public DateTimeOffset? RetryAt(int attempts, DateTimeOffset now)
    {
        var o = options.Value;
        return attempts >= o.MaxDeliveryAttempts
            ? null
            : now + TimeSpan.FromSeconds(Math.Min(3600, o.DeliveryRetryBaseSeconds * Math.Pow(2, attempts - 1)));
    }

    /// <summary>The target as logs may name it: kind and host, never the URL's path or the routing key.</summary>
    public static string Display(AlertWebhookOptions hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return $"{hook.Kind} {new Uri(hook.Url).Host}";
    }
}
