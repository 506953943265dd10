using Telephony.Data.Calls;

namespace Telephony.Tests.Data;

/// <summary>Front-door entries for the group-commit tests: a fresh call from a caller, with the flow's events.</summary>
internal static class FrontDoorEntries
{
    public static FrontDoorEntry Entry(string sid, string caller, int limit, params (string Kind, string Detail)[] events) =>
        new(new NewCall(sid, "AC1", caller, "+15550009999") { Events = events }, caller, limit, DateTimeOffset.UtcNow);

    public static string NewSid() => "CA" + Guid.NewGuid().ToString("N");

    public static string NewCaller() => "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
