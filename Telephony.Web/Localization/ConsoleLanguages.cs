using System.Globalization;

namespace Telephony.Web.Localization;

/// <summary>The console's languages: English (the default) and Canadian French.</summary>
public static class ConsoleLanguages
{
    public const string English = "en";

    public const string French = "fr-CA";

    public static readonly IReadOnlyList<string> All = [English, French];

    /// <summary>
    /// The supported language a tag stands for ("fr", "fr-FR", "FR-ca" → <c>fr-CA</c>; "en-GB" → <c>en</c>), or null when it is neither.
    /// </summary>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var language = tag.Trim().Split('-', '_')[0];
        return language.Equals("fr", StringComparison.OrdinalIgnoreCase) ? French
            : language.Equals("en", StringComparison.OrdinalIgnoreCase) ? English
            : null;
    }

    /// <summary>The language's own name, as the picker lists it ("English", "Français").</summary>
    public static string NativeName(string language) => language == French ? "Français" : "English";

    /// <summary>The language of the current request or circuit (<see cref="CultureInfo.CurrentUICulture"/>).</summary>
    public static string Current => Normalize(CultureInfo.CurrentUICulture.Name) ?? English;
}
