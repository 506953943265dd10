namespace Telephony.Data.ChangeFeed;

/// <summary>The <see cref="ChangeNotice.Kind"/> values.</summary>
public static class ChangeKinds
{
    public const string Call = "call";
    public const string Voicemail = "voicemail";
    public const string Consent = "consent";
    public const string Error = "error";
    public const string Violation = "violation";
    public const string Transaction = "transaction";
    public const string Alert = "alert";
    public const string Number = "number";

    public const string Audit = "audit";

    /// <summary>An admin changed a threshold on the Settings page: every instance reloads its thresholds.</summary>
    public const string Threshold = "threshold";

    /// <summary>Notices may have been missed (the listener reconnected, a bulk load ran): re-query everything.</summary>
    public const string Resync = "resync";
}
