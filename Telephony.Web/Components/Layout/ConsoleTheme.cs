using MudBlazor;

namespace Telephony.Web.Components.Layout;

/// <summary>The console's palette: calm, high contrast, readable all day.</summary>
public static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#2e7d32",
            AppbarBackground = "#1f4e79",
            Background = "#f5f7fa",
        },
    };
}
