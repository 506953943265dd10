using Telephony.Core.Alerts;

namespace Telephony.Data.Alerts;

/// <summary>
/// A configured outbound webhook as the outbox knows it: a stable key, what to show people, the payload shape, and the
/// least severe alert it receives (so warnings never reach a target that pages someone).
/// </summary>
public sealed record DeliveryTarget(string Key, string Display, AlertChannel Channel, AlertSeverity MinSeverity)
{
    public bool Receives(AlertSeverity severity) => severity >= MinSeverity;
}
