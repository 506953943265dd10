using Telephony.Web.Simulator;

namespace Telephony.Web.Provisioning;

/// <summary>
/// Gives every POST an <c>I-Twilio-Idempotency-Token</c>, outside the retry handler, so all attempts of one call
/// carry the same token and a retried POST cannot act twice. Only requests carrying it are retried.
/// </summary>
internal sealed class TwilioIdempotencyTokenHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && !request.Headers.Contains(FakeTwilioApi.IdempotencyTokenHeader))
        {
            request.Headers.TryAddWithoutValidation(FakeTwilioApi.IdempotencyTokenHeader, Guid.NewGuid().ToString("N"));
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>GET, DELETE and friends are idempotent by definition; a POST only with a token.</summary>
    public static bool MayRetry(HttpRequestMessage? request) =>
        request is not null && (request.Method != HttpMethod.Post || request.Headers.Contains(FakeTwilioApi.IdempotencyTokenHeader));
}
