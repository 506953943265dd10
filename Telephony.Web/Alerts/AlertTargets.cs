using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Telephony.Data.Alerts;

namespace Telephony.Web.Alerts;

/// <summary>
/// The configured webhooks as outbox targets. The stored key is a hash of kind, URL and routing key, so the database holds
/// no secret and a delivery still finds its webhook after a restart; the display name is the kind and host only.
/// </summary>
public sealed class AlertTargets
{
    private readonly Dictionary<string, AlertWebhookOptions> byKey = new(StringComparer.Ordinal);

    public AlertTargets(IOptions<AlertOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = new List<DeliveryTarget>();
        foreach (var hook in options.Value.Webhooks)
        {
            var key = KeyOf(hook);
            if (byKey.TryAdd(key, hook))
            {
                all.Add(new DeliveryTarget(key, $"{hook.Kind} · {new Uri(hook.Url).Host}", hook.Kind, hook.EffectiveMinSeverity));
            }
        }

        All = all;
    }

    public IReadOnlyList<DeliveryTarget> All { get; }

    public AlertWebhookOptions? Find(string key) => byKey.GetValueOrDefault(key);

    private static string KeyOf(AlertWebhookOptions hook)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{hook.Kind}\n{hook.Url}\n{hook.RoutingKey}"));
        return $"{hook.Kind}:{Convert.ToHexStringLower(hash)[..32]}";
    }
}
