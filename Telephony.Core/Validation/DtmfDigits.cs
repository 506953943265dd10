namespace Telephony.Core.Validation;

/// <summary>Keys a caller can press: 0-9, * and #.</summary>
public static class DtmfDigits
{
    /// <summary>Longer input than this is not something our menus ask for; treat it as noise.</summary>
    public const int MaxLength = 32;

    /// <summary>What Twilio sends as <c>Digits</c> on a Record action when the caller hung up.</summary>
    public const string Hangup = "hangup";

    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(c => c is (>= '0' and <= '9') or '*' or '#');
}
