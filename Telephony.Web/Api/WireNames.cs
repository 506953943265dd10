using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Telephony.Web.Api;

/// <summary>How the API spells an enum: its member name in kebab case (<c>CalledBack</c> is <c>called-back</c>).</summary>
public static class WireNames
{
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "The API's names are lower case.")]
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('-');
            }

            text.Append(name[i]);
        }

        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The member whose wire name is exactly <paramref name="value"/>.</summary>
    public static bool TryParse<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        foreach (var member in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(member), value, StringComparison.Ordinal))
            {
                result = member;
                return true;
            }
        }

        result = default;
        return false;
    }

    /// <summary>Every wire name, for a problem that says what is accepted.</summary>
    public static string All<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Of));
}
