using Telephony.Core.Validation;

namespace Telephony.Web.Components.Common;

/// <summary>Support staff see callers' numbers masked; admins see them whole (they handle access requests).</summary>
public static class CallerDisplay
{
    public static string Format(string? number, bool isAdmin) =>
        string.IsNullOrEmpty(number) || number == "anonymous" ? "Unknown caller" : isAdmin ? number : PhoneMask.Mask(number);
}
