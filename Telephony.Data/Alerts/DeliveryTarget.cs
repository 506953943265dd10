namespace Telephony.Data.Alerts;

/// <summary>A configured outbound webhook as the outbox knows it: a stable key, what to show people, the payload shape.</summary>
public sealed record DeliveryTarget(string Key, string Display, AlertChannel Channel);
