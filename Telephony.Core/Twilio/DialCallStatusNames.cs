namespace Telephony.Core.Twilio;

/// <summary>Twilio's wire names for <see cref="DialCallStatus"/>: the exact lower-case names a Dial action sends.</summary>
public static class DialCallStatusNames
{
    private static readonly Dictionary<string, DialCallStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["completed"] = DialCallStatus.Completed,
        ["answered"] = DialCallStatus.Answered,
        ["busy"] = DialCallStatus.Busy,
        ["no-answer"] = DialCallStatus.NoAnswer,
        ["failed"] = DialCallStatus.Failed,
        ["canceled"] = DialCallStatus.Canceled,
    };

    public static bool TryParse(string? value, out DialCallStatus status) =>
        Statuses.TryGetValue(value ?? string.Empty, out status);

    public static string ToWire(DialCallStatus status) => Statuses.First(p => p.Value == status).Key;
}
