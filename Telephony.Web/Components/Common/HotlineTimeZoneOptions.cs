using System.ComponentModel.DataAnnotations;

namespace Telephony.Web.Components.Common;

/// <summary>
/// <c>Telephony:TimeZone</c>: the hotline's IANA zone, for business hours, the callback SLA and every time shown.
/// A zone this machine does not know stops the app at start rather than showing every time in the wrong zone.
/// </summary>
public sealed class HotlineTimeZoneOptions : IValidatableObject
{
    [Required]
    public string TimeZone { get; set; } = "America/Toronto";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult(
                $"Telephony:TimeZone '{TimeZone}' is not a time zone this machine knows; use an IANA id such as America/Toronto.",
                [nameof(TimeZone)]);
        }
    }
}
