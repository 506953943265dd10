namespace Telephony.Core.Twilio;

/// <summary>Maps Twilio's kebab-case status strings to our enums and back.</summary>
public static class TwilioStatusNames
{
    private static readonly Dictionary<string, CallStatus> CallStatuses = new(StringComparer.Ordinal)
    {
        ["queued"] = CallStatus.Queued,
        ["initiated"] = CallStatus.Initiated,
        ["ringing"] = CallStatus.Ringing,
        ["in-progress"] = CallStatus.InProgress,
        ["completed"] = CallStatus.Completed,
        ["busy"] = CallStatus.Busy,
        ["no-answer"] = CallStatus.NoAnswer,
        ["failed"] = CallStatus.Failed,
        ["canceled"] = CallStatus.Canceled,
    };

    private static readonly Dictionary<string, DialCallStatus> DialStatuses = new(StringComparer.Ordinal)
    {
        ["completed"] = DialCallStatus.Completed,
        ["answered"] = DialCallStatus.Answered,
        ["busy"] = DialCallStatus.Busy,
        ["no-answer"] = DialCallStatus.NoAnswer,
        ["failed"] = DialCallStatus.Failed,
        ["canceled"] = DialCallStatus.Canceled,
    };

    public static bool TryParse(string? value, out CallStatus status) =>
        CallStatuses.TryGetValue(value ?? string.Empty, out status);

    public static bool TryParse(string? value, out DialCallStatus status) =>
        DialStatuses.TryGetValue(value ?? string.Empty, out status);

    public static string ToWire(CallStatus status) => CallStatuses.First(p => p.Value == status).Key;

    public static string ToWire(DialCallStatus status) => DialStatuses.First(p => p.Value == status).Key;
}
