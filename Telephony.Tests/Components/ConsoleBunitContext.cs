using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Components;
using Telephony.Web.Database;
using Telephony.Web.Journal;
using Telephony.Web.Metrics;
using Telephony.Web.Settings;
using Telephony.Web.Simulator;
using Telephony.Web.Twilio;
using Telephony.Web.Voicemail;

namespace Telephony.Tests.Components;

/// <summary>
/// Console pages rendered with the app's own registrations (its <c>Add…Services</c> methods, on a test configuration)
/// against a real SQLite database, the real change feed and a movable clock. Only what a test fakes is replaced: the
/// clock, the signed-in user (each test's <c>AddAuthorization()</c>), bUnit's JS interop and navigation; no background
/// service runs.
/// </summary>
public abstract class ConsoleBunitContext : MudBunitContext, IAsyncLifetime
{
    protected ConsoleBunitContext(DateTimeOffset now) => Time = new FakeTimeProvider(now);

    protected SqliteDatabase Database { get; } = new();

    protected FakeTimeProvider Time { get; }

    /// <summary>Configuration a test adds to the app's (set in the test's constructor), e.g. <c>Telephony:TimeZone</c>.</summary>
    protected Dictionary<string, string?> Settings { get; } = [];

    /// <summary>This instance's webhook journal (a file in a folder removed with the context).</summary>
    protected string JournalDirectory { get; } = Path.Combine(Path.GetTempPath(), $"telephony-bunit-{Guid.NewGuid():N}");

    public virtual async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        var app = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        app.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Telephony"] = Database.ConnectionString,
            ["Journal:Directory"] = JournalDirectory,
            ["Storage:DataDirectory"] = JournalDirectory,
        });
        app.Configuration.AddInMemoryCollection(Settings);
        app.AddDatabaseServices();
        app.AddTwilioServices();
        app.AddJournalServices();
        app.AddVoicemailServices();
        app.AddSimulatorServices();
        app.AddConsoleServices();
        app.AddSettingsServices();
        app.AddMetricsServices();
        AddAppServices(app);

        // bUnit's own renderer, JS interop and navigation stay; the host's and the app's registrations fill in the rest.
        var provided = Services.Select(d => d.ServiceType).ToHashSet();
        foreach (var registration in app.Services)
        {
            if (!provided.Contains(registration.ServiceType) && !Faked(registration.ServiceType))
            {
                Services.Add(registration);
            }
        }

        Services.AddSingleton<TimeProvider>(Time);
    }

    /// <summary>More of the app's own registrations a page needs (e.g. <c>AddProvisioningServices()</c>).</summary>
    protected virtual void AddAppServices(IHostApplicationBuilder app)
    {
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(JournalDirectory))
        {
            Directory.Delete(JournalDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    // Background services do not run in a component test; the user is set by each test with AddAuthorization().
    private static bool Faked(Type service) => service == typeof(IHostedService) || service == typeof(AuthenticationStateProvider);
}
