using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Reconciliation;

/// <summary><c>Reconciliation:*</c> settings: how often Twilio's call and recording lists are compared with the database, and how far back.</summary>
public sealed class ReconciliationOptions
{
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far back each run looks; longer than <see cref="Interval"/>, so a run that failed is covered by the next.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(2);
}
