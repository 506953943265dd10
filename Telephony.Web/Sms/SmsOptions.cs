using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Sms;

/// <summary><c>Sms:*</c> settings.</summary>
public sealed class SmsOptions
{
    /// <summary>
    /// Automatic replies (HELP, the auto-reply, STOP/START confirmations when we send them) per sender per clock hour,
    /// across all instances; past it the sender's texts are stored but answered with an empty response (loop guard).
    /// </summary>
    [Range(1, 10_000)]
    public int RepliesPerHour { get; set; } = 5;
}
