using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Telephony.Web.Hosting.WarmUp;

/// <summary>
/// Sends a request through the app's own pipeline in process, as the server would deliver it (a loopback connection),
/// and returns the status code and body.
/// </summary>
internal sealed class InProcessRequests(RequestDelegate pipeline, IHttpContextFactory contexts, IServiceScopeFactory scopes)
{
    /// <summary>Marks a warm-up request, so that counters of real traffic leave it out.</summary>
    public const string ItemKey = "telephony.warm-up";

    private static long nextConnection;

    public static bool IsWarmUp(HttpContext context) => context?.Items.ContainsKey(ItemKey) == true;

    /// <param name="target">The path and query, as Twilio's request line carries them.</param>
    public async Task<(int Status, string Body)> PostFormAsync(string target, string form, string signature, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(form);
        var request = new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Method = HttpMethods.Post,
            Scheme = "http",
            Path = Uri.UnescapeDataString(query < 0 ? target : target[..query]),
            QueryString = query < 0 ? "" : target[query..],
            RawTarget = target,
            Body = new MemoryStream(body),
        };
        request.Headers.Host = "localhost";
        request.Headers.ContentType = "application/x-www-form-urlencoded; charset=utf-8";
        request.Headers.ContentLength = body.Length;
        request.Headers["X-Twilio-Signature"] = signature;
        request.Headers.UserAgent = "TwilioProxy/1.1";

        var responseBody = new MemoryStream();
        var response = new Response();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = "warm-up-" + Interlocked.Increment(ref nextConnection),
            RemoteIpAddress = IPAddress.Loopback,
            LocalIpAddress = IPAddress.Loopback,
        });

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = scope.ServiceProvider });
            var context = contexts.Create(features);
            try
            {
                context.Items[ItemKey] = true;
                await pipeline(context).ConfigureAwait(false);
                await response.StartAsync().ConfigureAwait(false);
                await response.CompleteAsync().ConfigureAwait(false);
                return (response.StatusCode, Encoding.UTF8.GetString(responseBody.ToArray()));
            }
            finally
            {
                contexts.Dispose(context);
            }
        }
    }

    /// <summary>A response that runs its OnStarting and OnCompleted callbacks as the server does.</summary>
    private sealed class Response : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> starting = [];
        private readonly List<(Func<object, Task> Callback, object State)> completed = [];
        private bool started;

        public override bool HasStarted => started;

        public override void OnStarting(Func<object, Task> callback, object state) => starting.Add((callback, state));

        public override void OnCompleted(Func<object, Task> callback, object state) => completed.Add((callback, state));

        public async Task StartAsync()
        {
            for (var i = starting.Count - 1; i >= 0; i--)
            {
                await starting[i].Callback(starting[i].State).ConfigureAwait(false);
            }

            started = true;
        }

        public async Task CompleteAsync()
        {
            for (var i = completed.Count - 1; i >= 0; i--)
            {
                await completed[i].Callback(completed[i].State).ConfigureAwait(false);
            }
        }
    }
}
