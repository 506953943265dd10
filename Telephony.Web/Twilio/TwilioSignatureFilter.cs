using Telephony.Core.Twilio;
using Telephony.Core.Validation;

namespace Telephony.Web.Twilio;

/// <summary>
/// Applied once to the whole <c>/twilio</c> group: a request whose <c>X-Twilio-Signature</c> does not verify gets a
/// bare 403 and is counted, in memory, against its source address; nothing else about the app is revealed, and nothing
/// is written to the database on the request's path (<see cref="SignatureFailureFlusher"/> writes one summary per
/// source and minute). A source past <c>Security:RateLimits:BadSignaturesPerMinute</c> gets 429 before its body is read.
/// </summary>
internal sealed partial class TwilioSignatureFilter(
    TwilioCredentials credentials,
    SignatureFailureCounter failures,
    ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string FormItem = "twilio.form";

    private readonly TwilioSignatureValidator validator = new(credentials.AuthToken);
    private readonly TwilioSignatureValidator? rotating = credentials.SecondaryAuthToken is { } token ? new(token) : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var source = SignatureFailureCounter.SourceOf(http);
        if (failures.TryThrottle(source))
        {
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var url = PublicRequestUrl.For(http, credentials.PublicBaseUrl);
        var signature = http.Request.Headers["X-Twilio-Signature"].ToString();
        var form = await ReadFormAsync(http.Request).ConfigureAwait(false);

        var body = form is null ? await ReadBodyAsync(http.Request).ConfigureAwait(false) : null;
        var valid = Verifies(validator, url, form, body, signature) || (rotating is not null && Verifies(rotating, url, form, body, signature));

        if (!valid)
        {
            // One line per source and minute: a flood must not become a flood of log lines either.
            if (failures.RecordFailure(source, http.Request.Path.Value ?? ""))
            {
                var from = form?.FirstOrDefault(p => p.Key == "From").Value;
                LogRejected(logger, http.Request.Path, PhoneMask.Mask(from), source, string.IsNullOrEmpty(signature));
            }

            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        http.Items[FormItem] = form ?? [];
        return await next(context).ConfigureAwait(false);
    }

    private static bool Verifies(TwilioSignatureValidator v, string url, List<KeyValuePair<string, string>>? form, string? body, string signature) =>
        form is not null ? v.Validate(url, form, signature) : v.ValidateJsonBody(url, body ?? "", signature);

    /// <summary>The form as ordered pairs (repeats kept), or null when the body is not a form (JSON callbacks).</summary>
    private static async Task<List<KeyValuePair<string, string>>?> ReadFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            var form = await request.ReadFormAsync().ConfigureAwait(false);
            var pairs = new List<KeyValuePair<string, string>>(form.Count);
            foreach (var (key, values) in form)
            {
                foreach (var value in values)
                {
                    pairs.Add(new(key, value ?? ""));
                }
            }

            return pairs;
        }
        catch (InvalidDataException)
        {
            // A body that is not a well-formed form cannot carry a valid signature; verify it as empty.
            return [];
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Twilio webhook on {Path} from {Caller} (source {Source}): signature invalid (missing: {Missing}); further ones from this source this minute are counted, not logged")]
    private static partial void LogRejected(ILogger logger, PathString path, string caller, string source, bool missing);
}
