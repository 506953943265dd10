namespace Telephony.Data.Metrics;

/// <summary>The columns of a parent call that decide its outcome; read as a narrow projection, classified in memory.</summary>
/// <remarks>
/// Classification runs in .NET rather than SQL because it needs time differences, which SQLite (DateTimeOffset stored
/// as ticks) cannot compute in a translated query: doing it once here keeps both providers' answers identical.
/// </remarks>
internal readonly record struct CallFacts(
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? TransferStartedAt,
    DateTimeOffset? TransferAnsweredAt,
    string? DialCallStatus,
    int? DialCallDuration,
    bool ReachedVoicemail,
    bool RateLimited)
{
    public bool TransferAttempted => TransferStartedAt is not null || DialCallStatus is not null;

    public bool TransferAnswered => string.Equals(DialCallStatus, "completed", StringComparison.OrdinalIgnoreCase);

    /// <summary>From ring start to answer, when both are known.</summary>
    public TimeSpan? WaitToAnswer => TransferAnsweredAt - TransferStartedAt;
}
