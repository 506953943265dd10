namespace Telephony.Data.Calls;

/// <summary>Call timeline event kinds that queries depend on.</summary>
public static class CallEventKinds
{
    /// <summary>Twilio stored a recording of a transfer (<c>RecordingSource=DialVerb</c>); voicemails are not this.</summary>
    public const string CallRecording = "call-recording";

    /// <summary>The front door stored the call.</summary>
    public const string Created = "created";

    /// <summary>The detail of <see cref="Created"/>: whether the rate limit refused the call.</summary>
    public static string CreatedDetail(bool refused) => refused ? "front door (rate limited)" : "front door";
}
