using MudBlazor;

namespace Telephony.Web.Components.Layout;

/// <summary>
/// The console's palette: calm, high contrast, readable all day. Every colour that carries text (chips, badges, alerts,
/// buttons, captions) reaches at least 4.5:1 against white and the page background (WCAG 2.1 AA); MudBlazor's defaults
/// for info, success, warning and error (and its 54 % grey for secondary text) do not.
/// </summary>
public static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#2e7d32",
            Info = "#01579b",
            Success = "#1b5e20",
            Warning = "#9a5000",
            Error = "#b71c1c",
            AppbarBackground = "#1f4e79",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            TextPrimary = "rgba(0,0,0,0.87)",
            TextSecondary = "rgba(0,0,0,0.68)",
            DrawerText = "rgba(0,0,0,0.87)",
            DrawerIcon = "rgba(0,0,0,0.68)",
            ActionDefault = "rgba(0,0,0,0.68)",
        },
    };
}
