namespace Telephony.Data.Metrics;

/// <summary>Voicemails waiting (new or claimed); the oldest is null ("—") when nothing waits.</summary>
public sealed record VoicemailBacklog(int New, int Claimed, DateTimeOffset? OldestCreatedAt, TimeSpan? OldestAge)
{
    public int Total => New + Claimed;
}
