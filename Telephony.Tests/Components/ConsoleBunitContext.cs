using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telephony.Data;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Components;
using Telephony.Web.Journal;
using Telephony.Web.Simulator;
using Telephony.Web.Twilio;

namespace Telephony.Tests.Components;

/// <summary>Console pages rendered against a real SQLite database, the real change feed and a movable clock.</summary>
public abstract class ConsoleBunitContext : MudBunitContext, IAsyncLifetime
{
    protected ConsoleBunitContext(DateTimeOffset now) => Time = new FakeTimeProvider(now);

    protected SqliteDatabase Database { get; } = new();

    protected FakeTimeProvider Time { get; }

    /// <summary>This instance's webhook journal (a file in a folder removed with the context).</summary>
    protected string JournalDirectory { get; } = Path.Combine(Path.GetTempPath(), $"telephony-bunit-{Guid.NewGuid():N}");

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
        Services.AddSingleton<FakeTwilioState>();
        Services.AddSingleton<SimulatorService>();
        Services.AddSingleton(sp => new WebhookJournal(Path.Combine(JournalDirectory, "webhooks.jsonl"), sp.GetRequiredService<ILogger<WebhookJournal>>()));
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
}
