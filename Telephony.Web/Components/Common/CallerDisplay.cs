using Microsoft.Extensions.Localization;
using Telephony.Core.Calls;
using Telephony.Core.Validation;
using Telephony.Data.Privacy;

namespace Telephony.Web.Components.Common;

/// <summary>Support staff see callers' numbers masked; admins see them whole (they handle access requests).</summary>
public static class CallerDisplay
{
    /// <summary>
    /// The log masker's format for Support ("+1514***0123"), the whole number for admins. A withheld caller ID reads
    /// "Withheld caller ID"; for a rate-limit entry of withheld callers (counted per number called) the hotline number
    /// they called follows, whole: it is ours, not a caller's. No number at all (null) is a voicemail kept after its call's
    /// detail expired (<c>Retention:CallDays</c>): the number went with it.
    /// </summary>
    public static string Format(string? number, bool isAdmin) =>
        number is null ? Shared["Number deleted (retention)"]
        : WithheldCallerId.CalledNumberOf(number) is { } called ? Shared["Withheld caller ID (calling {0})", called]
        : WithheldCallerId.IsWithheld(number) ? Shared["Withheld caller ID"]
        : number == CallerDataStore.ErasedNumber ? Shared["Erased caller"]
        : isAdmin ? number! : PhoneMask.Mask(number);

    private static IStringLocalizer Shared => SharedStrings.Localizer;
}
