using Telephony.Core.Validation;

namespace Telephony.Web.Twilio;

/// <summary>Access to the verified form the signature filter stored, and logging of fields that failed validation.</summary>
internal static partial class TwilioForm
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of(HttpContext context) =>
        context.Items.TryGetValue(TwilioSignatureFilter.FormItem, out var form) && form is IReadOnlyList<KeyValuePair<string, string>> pairs ? pairs : [];

    public static string? Field(HttpContext context, string name) => Of(context).FirstOrDefault(p => p.Key == name).Value;

    /// <summary>Invalid values are treated as absent; only the field names are logged, never the values.</summary>
    public static void LogRejected(ILogger logger, PathString route, IReadOnlyList<string> rejected)
    {
        if (rejected.Count > 0)
        {
            LogRejectedFields(logger, route, string.Join(",", rejected));
        }
    }

    public static string Mask(string? number) => PhoneMask.Mask(number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Route} had invalid fields treated as absent: {Fields}")]
    private static partial void LogRejectedFields(ILogger logger, PathString route, string fields);
}
