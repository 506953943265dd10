using Telephony.Core.Calls;

namespace Telephony.Web.Telemetry;

/// <summary>
/// How a webhook ended, for its span and the webhook counter. Handlers mark what only they know (journaled, rate
/// limited, where the call was sent); the rest is read from the answer. Values are constants: marking allocates nothing.
/// </summary>
public static class WebhookOutcome
{
    public const string TwiML = "twiml";
    public const string Forbidden = "forbidden";
    public const string Journaled = "journaled";
    public const string SafetyNet = "safety-net";
    public const string RateLimited = "rate-limited";
    public const string Rejected = "rejected";

    /// <summary>A source past its allowance of bad signatures, answered 429 without a check.</summary>
    public const string Throttled = "throttled";
    public const string Aborted = "aborted";

    private const string ResultItem = "telemetry.webhook.result";
    private const string CallItem = "telemetry.webhook.call";

    /// <summary>The webhook's database work failed and it was written to the journal for replay.</summary>
    public static void MarkJournaled(HttpContext http) => Mark(http, Journaled);

    /// <summary>A handler failed and the caller heard the safe TwiML instead.</summary>
    public static void MarkSafetyNet(HttpContext http) => Mark(http, SafetyNet);

    /// <summary>The front door turned the caller away (busy).</summary>
    public static void MarkRateLimited(HttpContext http)
    {
        Mark(http, RateLimited);
        http.Items[CallItem] = CallOutcomes.Blocked;
    }

    /// <summary>Records where the flow sent the call, when <paramref name="result"/> decided it (a transfer answered, voicemail).</summary>
    public static void MarkCall(HttpContext http, FlowResult result)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (CallOutcomes.Of(result) is { } outcome)
        {
            http.Items[CallItem] = outcome;
        }
    }

    /// <summary>The result to count: a handler's mark wins (journaled outranks the rest), else the answer's status.</summary>
    public static string Of(HttpContext http, object? answer)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(ResultItem, out var marked) && marked is string result)
        {
            return result;
        }

        return answer is IStatusCodeHttpResult { StatusCode: { } status } && status != StatusCodes.Status200OK
            ? status switch
            {
                StatusCodes.Status403Forbidden => Forbidden,
                StatusCodes.Status429TooManyRequests => Throttled,
                _ => Rejected,
            }
            : TwiML;
    }

    /// <summary>Where the flow sent the call during this webhook, or null.</summary>
    public static string? CallOf(HttpContext http) =>
        http.Items.TryGetValue(CallItem, out var outcome) ? outcome as string : null;

    private static void Mark(HttpContext http, string result)
    {
        ArgumentNullException.ThrowIfNull(http);
        // Journaled is the fact an operator must not miss: nothing marked later hides it.
        if (!(http.Items.TryGetValue(ResultItem, out var current) && ReferenceEquals(current, Journaled)))
        {
            http.Items[ResultItem] = result;
        }
    }
}
