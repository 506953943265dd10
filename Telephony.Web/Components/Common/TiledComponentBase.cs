using Microsoft.AspNetCore.Components;
using Telephony.Core.Alerts;
using Telephony.Web.Settings;

namespace Telephony.Web.Components.Common;

/// <summary>
/// A live page with coloured tiles (Overview, wallboard): the tiles' amber and red limits, and a redraw when an admin
/// saves new ones on the Settings page, on any instance.
/// </summary>
public abstract class TiledComponentBase : LiveComponentBase
{
    [Inject]
    private LiveThresholds Thresholds { get; set; } = null!;

    protected TileThresholds TileLimits => Thresholds.Current.Tiles;

    protected override void OnInitialized() => Thresholds.Changed += OnThresholdsChanged;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Thresholds.Changed -= OnThresholdsChanged;
        }

        base.Dispose(disposing);
    }

    private void OnThresholdsChanged() => _ = InvokeAsync(StateHasChanged);
}
