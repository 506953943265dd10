using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Components.Common;

/// <summary><c>Telephony:TimeZone</c>: the hotline's IANA zone, for business hours, the callback SLA and every time shown.</summary>
public sealed class HotlineTimeZoneOptions
{
    [Required]
    public string TimeZone { get; set; } = "America/Toronto";
}
