namespace Telephony.Data.Consent;

/// <summary>One consent decision, with the prompt version and language the caller heard: the consent ledger.</summary>
public class ConsentRecord
{
    public long Id { get; set; }

    public string CallSid { get; set; } = "";

    public string CallerNumber { get; set; } = "";

    public ConsentDecision Decision { get; set; }

    public string PromptVersion { get; set; } = "";

    public string Language { get; set; } = "en";

    public string Jurisdiction { get; set; } = "";

    /// <summary>How the decision was taken: <c>disclosure-continued</c>, <c>dtmf-8</c>, <c>system-failsafe</c>.</summary>
    public string Method { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }
}
