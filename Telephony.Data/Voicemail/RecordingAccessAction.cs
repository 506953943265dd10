namespace Telephony.Data.Voicemail;

public enum RecordingAccessAction
{
    Play,
    Download,
}
