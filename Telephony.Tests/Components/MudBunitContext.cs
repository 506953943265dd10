using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Telephony.Web.Components.Common;

namespace Telephony.Tests.Components;

/// <summary>One base for component tests: MudBlazor services, the console's clock and loose JS interop (MudBlazor calls JS we don't assert on).</summary>
public abstract class MudBunitContext : BunitContext
{
    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;

        // A page's first data arrives from a real database on a background read: one second (bUnit's default) is too
        // short when the whole suite shares two cores. A wait that succeeds returns at once; only a failure waits this long.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");

        // Every page formats its times with the console's clock (Telephony:TimeZone, America/Toronto by default).
        Services.AddOptions<HotlineTimeZoneOptions>();
        Services.AddSingleton<ConsoleClock>();
    }

    /// <summary>Renders as an interactive server circuit would (the layout shows it); call after registering services.</summary>
    protected void UseInteractiveRenderer() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
}
