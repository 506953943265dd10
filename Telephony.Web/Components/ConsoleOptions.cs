using System.ComponentModel.DataAnnotations;
using Telephony.Core.Voicemail;

namespace Telephony.Web.Components;

/// <summary><c>Console:*</c> settings: the operator's time zone, business hours and the callback SLA.</summary>
public sealed class ConsoleOptions
{
    /// <summary>IANA time zone for "today" and business hours.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/Toronto";

    public TimeOnly BusinessHoursOpen { get; set; } = new(9, 0);

    public TimeOnly BusinessHoursClose { get; set; } = new(17, 0);

    [Range(0.5, 240)]
    public double CallbackSlaHours { get; set; } = 4;

    public BusinessHours BusinessHours => new(
        Core.Voicemail.BusinessHours.FindZone(TimeZone),
        BusinessHoursOpen,
        BusinessHoursClose,
        Core.Voicemail.BusinessHours.Default.Days);
}
