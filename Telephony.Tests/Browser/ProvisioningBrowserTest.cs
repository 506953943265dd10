using Telephony.Tests.Provisioning;

namespace Telephony.Tests.Browser;

/// <summary>A browser test on its own provisioning harness: the app on Kestrel with an empty fake Twilio.</summary>
public abstract class ProvisioningBrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    protected ProvisioningHarness Harness { get; private set; } = null!;

    protected string BaseUrl { get; private set; } = "";

    public ValueTask InitializeAsync()
    {
        Harness = ProvisioningHarness.Start();
        BaseUrl = Harness.App.ServerAddress.ToString().TrimEnd('/');
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Harness.DisposeAsync();
    }
}
