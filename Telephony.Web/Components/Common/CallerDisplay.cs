using Telephony.Core.Validation;
using Telephony.Data.Privacy;

namespace Telephony.Web.Components.Common;

/// <summary>Support staff see callers' numbers masked; admins see them whole (they handle access requests).</summary>
public static class CallerDisplay
{
    /// <summary>The log masker's format for Support ("+1514***0123"), the whole number for admins.</summary>
    public static string Format(string? number, bool isAdmin) =>
        string.IsNullOrEmpty(number) || number == "anonymous" ? "Unknown caller"
        : number == CallerDataStore.ErasedNumber ? "Erased caller"
        : isAdmin ? number : PhoneMask.Mask(number);
}
