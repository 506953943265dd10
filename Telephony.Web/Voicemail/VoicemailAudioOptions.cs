using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Voicemail;

/// <summary><c>Storage:*</c> and fetch settings for voicemail audio.</summary>
public sealed class VoicemailAudioOptions
{
    /// <summary>Where recordings are kept; relative paths are under the app's content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    [Range(1, 50)]
    public int MaxFetchAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles per attempt, capped at 30 minutes.</summary>
    [Range(1, 3600)]
    public int RetryBaseSeconds { get; set; } = 5;

    [Range(100, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;
}
