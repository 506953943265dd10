namespace Telephony.Core.Validation;

/// <summary>Twilio SIDs: a two-letter prefix naming the kind, then 32 hex digits.</summary>
public static class TwilioSid
{
    private const int HexLength = 32;
    private static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public static bool IsValid(string? value, SidKind kind) =>
        value is { Length: 2 + HexLength }
        && Prefixes(kind).Any(p => value.StartsWith(p, StringComparison.Ordinal))
        && !value.AsSpan(2).ContainsAnyExcept(Hex);

    /// <summary>Message SIDs are SM for SMS and MM for MMS; every other kind has one prefix.</summary>
    public static IReadOnlyList<string> Prefixes(SidKind kind) => kind switch
    {
        SidKind.Call => ["CA"],
        SidKind.Recording => ["RE"],
        SidKind.Transcription => ["TR"],
        SidKind.Account => ["AC"],
        SidKind.Message => ["SM", "MM"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
