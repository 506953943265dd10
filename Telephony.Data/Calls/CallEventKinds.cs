namespace Telephony.Data.Calls;

/// <summary>Call timeline event kinds that queries depend on.</summary>
public static class CallEventKinds
{
    /// <summary>Twilio stored a recording of a transfer (<c>RecordingSource=DialVerb</c>); voicemails are not this.</summary>
    public const string CallRecording = "call-recording";
}
