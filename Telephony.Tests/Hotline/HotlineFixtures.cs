using Telephony.Data;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;

namespace Telephony.Tests.Hotline;

/// <summary>The app in simulator mode on a fresh SQLite file.</summary>
public sealed class SqliteHotlineFixture : IAsyncLifetime
{
    public HotlineHarness Hotline { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        var app = new TelephonyAppFactory();
        HotlineHarness.Configure(app);
        Hotline = new HotlineHarness(app);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Hotline.App.DisposeAsync();
}

/// <summary>The app in simulator mode on a fresh PostgreSQL database.</summary>
public sealed class PostgresHotlineFixture : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();

    public HotlineHarness Hotline { get; private set; } = null!;

    public string ConnectionString => database.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        var app = new TelephonyAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
        HotlineHarness.Configure(app);
        Hotline = new HotlineHarness(app);
    }

    public async ValueTask DisposeAsync()
    {
        await Hotline.App.DisposeAsync();
        await database.DisposeAsync();
    }
}
