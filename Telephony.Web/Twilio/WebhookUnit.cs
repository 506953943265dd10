namespace Telephony.Web.Twilio;

/// <summary>
/// A webhook's database work, decided from the webhook alone so that it can run twice: by the handler within its time
/// budget, and by the journal's replay when that failed. <paramref name="receivedAt"/> is when the webhook arrived.
/// </summary>
public delegate Task WebhookUnit(WebhookStores stores, DateTimeOffset receivedAt, CancellationToken cancellationToken);
