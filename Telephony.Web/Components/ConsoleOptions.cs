using System.ComponentModel.DataAnnotations;
using Telephony.Core.Voicemail;

namespace Telephony.Web.Components;

/// <summary><c>Console:*</c> settings: business hours and the callback SLA (in the zone of <c>Telephony:TimeZone</c>).</summary>
public sealed class ConsoleOptions
{
    public TimeOnly BusinessHoursOpen { get; set; } = new(9, 0);

    public TimeOnly BusinessHoursClose { get; set; } = new(17, 0);

    [Range(0.5, 240)]
    public double CallbackSlaHours { get; set; } = 4;

    /// <summary>The business hours in <paramref name="zone"/> (the console clock's).</summary>
    public BusinessHours BusinessHoursIn(TimeZoneInfo zone) => new(
        zone,
        BusinessHoursOpen,
        BusinessHoursClose,
        Core.Voicemail.BusinessHours.Default.Days);
}
