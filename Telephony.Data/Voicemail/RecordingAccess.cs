namespace Telephony.Data.Voicemail;

/// <summary>Audit of one play or download of a recording.</summary>
public class RecordingAccess
{
    public long Id { get; set; }

    public Guid VoicemailId { get; set; }

    public string UserId { get; set; } = "";

    public string UserEmail { get; set; } = "";

    public RecordingAccessAction Action { get; set; }

    public DateTimeOffset At { get; set; }
}
