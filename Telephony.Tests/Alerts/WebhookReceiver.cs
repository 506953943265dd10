using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Telephony.Tests.Alerts;

/// <summary>A fake Slack / PagerDuty: records every POST and answers 500 for the first N requests to a URL when told to.</summary>
internal sealed class WebhookReceiver
{
    private readonly ConcurrentDictionary<string, int> failuresLeft = new(StringComparer.Ordinal);

    public ConcurrentQueue<(Uri Url, JsonElement Body)> Received { get; } = new();

    public void FailFirst(string url, int times) => failuresLeft[url] = times;

    public IReadOnlyList<JsonElement> BodiesFor(string url) => Received.Where(r => r.Url.ToString() == url).Select(r => r.Body).ToList();

    internal sealed class Handler(WebhookReceiver receiver) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
            var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
            var url = request.RequestUri!.ToString();
            receiver.Received.Enqueue((request.RequestUri, body));
            var fail = false;
            receiver.failuresLeft.AddOrUpdate(url, 0, (_, left) =>
            {
                fail = left > 0;
                return Math.Max(0, left - 1);
            });
            return new HttpResponseMessage(fail ? HttpStatusCode.InternalServerError : HttpStatusCode.Accepted);
        }
    }
}
