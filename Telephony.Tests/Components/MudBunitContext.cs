using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Telephony.Tests.Components;

/// <summary>One base for component tests: MudBlazor services and loose JS interop (MudBlazor calls JS we don't assert on).</summary>
public abstract class MudBunitContext : BunitContext
{
    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>Renders as an interactive server circuit would (the layout shows it); call after registering services.</summary>
    protected void UseInteractiveRenderer() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
}
