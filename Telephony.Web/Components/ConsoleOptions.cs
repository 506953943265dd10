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

    /// <summary>The operator's time zone (UTC when the id is unknown on this machine).</summary>
    public TimeZoneInfo Zone => Core.Voicemail.BusinessHours.FindZone(TimeZone);

    public BusinessHours BusinessHours => new(
        Zone,
        BusinessHoursOpen,
        BusinessHoursClose,
        Core.Voicemail.BusinessHours.Default.Days);
}
