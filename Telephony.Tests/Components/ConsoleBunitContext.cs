using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telephony.Data;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Components;
using Telephony.Web.Simulator;
using Telephony.Web.Twilio;

namespace Telephony.Tests.Components;

/// <summary>Console pages rendered against a real SQLite database, the real change feed and a movable clock.</summary>
public abstract class ConsoleBunitContext : MudBunitContext, IAsyncLifetime
{
    protected ConsoleBunitContext(DateTimeOffset now) => Time = new FakeTimeProvider(now);

    protected SqliteDatabase Database { get; } = new();

    protected FakeTimeProvider Time { get; }

    public virtual async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Services.AddLogging();
        Services.AddTelephonyData(DatabaseProvider.Sqlite, Database.ConnectionString);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddOptions<ConsoleOptions>();
        Services.AddHttpClient();
        Services.AddSingleton(Options.Create(new TwilioOptions()));
        Services.AddSingleton<TwilioCredentials>();
        Services.AddSingleton<SimulatorService>();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
