using Microsoft.Extensions.Localization;
using MudBlazor;
using Telephony.Web.Components.Common;

namespace Telephony.Web.Localization;

/// <summary>
/// MudBlazor's own words (a table pager's button names, read by screen readers) in the console's language. MudBlazor
/// ships them in English only; the ones the console shows come from <see cref="SharedStrings"/>; for any other key
/// the base answers "not found", and MudBlazor then uses its built-in English.
/// </summary>
internal sealed class ConsoleMudLocalizer : MudLocalizer
{
    public override LocalizedString this[string key] => key switch
    {
        "MudTablePager_FirstPage" => Shared["First page"],
        "MudTablePager_PreviousPage" => Shared["Previous page"],
        "MudTablePager_NextPage" => Shared["Next page"],
        "MudTablePager_LastPage" => Shared["Last page"],
        _ => base[key],
    };

    private static IStringLocalizer Shared => SharedStrings.Localizer;
}
