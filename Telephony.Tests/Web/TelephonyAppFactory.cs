using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telephony.Data;
using Telephony.Data.Identity;
using Telephony.Web.Auth;

namespace Telephony.Tests.Web;

/// <summary>
/// The real app on a real database (a fresh SQLite file unless told otherwise), with a known first admin.
/// </summary>
public class TelephonyAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Correct-Horse-Battery-9";
    public const string PublicBaseUrl = "https://hotline.example.com";

    private static readonly string[] LoopbackClients = ["twilio-media", "simulator"];

    private readonly string? sqliteFile;
    private readonly bool kestrel;

    public TelephonyAppFactory()
        : this(DatabaseProvider.Sqlite, null)
    {
    }

    internal TelephonyAppFactory(DatabaseProvider provider, string? connectionString, bool kestrel = false)
    {
        Provider = provider;
        if (connectionString is null)
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"telephony-test-{Guid.NewGuid():N}.db");
            connectionString = $"Data Source={sqliteFile}";
        }

        ConnectionString = connectionString;
        this.kestrel = kestrel;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>What the app logged, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The base address of the Kestrel server (after <see cref="WebApplicationFactory{T}.StartServer"/>).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    public HttpClient CreateBrowserlessClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = kestrel ? ServerAddress : new Uri("http://localhost"),
    });

    public async Task<AppUser> CreateUserAsync(string email, string password, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var errors = await admin.CreateAsync(email, null, password, role);
        Assert.Empty(errors);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByEmailAsync(email))!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Telephony", ConnectionString);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Twilio:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Storage:PollMilliseconds", "200");
        // Tests speak plain http and sign in many times from one address; CookiePolicyTests and RateLimitTests
        // put the production values back.
        builder.UseSetting("Security:CookieSecurePolicy", "SameAsRequest");
        builder.UseSetting("Security:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Security:RateLimits:ApiPerMinute", "1000000");
        // No start-up warm-up: its throw-away calls would race the tests' own. WarmUpTests turn it on.
        builder.UseSetting("WarmUp:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // What the app fetches from "Twilio" (voicemail audio, simulator calls) comes back to this app, wherever
        // the public URL points: in memory for the test server, over loopback for Kestrel.
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            foreach (var name in LoopbackClients)
            {
                services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(CreateLoopbackHandler);
            }
        });
    }

    /// <summary>Recordings and other files the app writes, in a folder removed with the factory.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"telephony-data-{Guid.NewGuid():N}");

    /// <summary>An HttpClient whose requests reach this app whatever their absolute URL says.</summary>
    public HttpClient CreateLoopbackClient() => new(CreateLoopbackHandler()) { BaseAddress = new Uri(PublicBaseUrl) };

    private HttpMessageHandler CreateLoopbackHandler() =>
        kestrel ? new RewriteToServerHandler(ServerAddress) { InnerHandler = new HttpClientHandler() } : Server.CreateHandler();

    private sealed class RewriteToServerHandler(Uri server) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(server, request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        GC.SuppressFinalize(this);
    }
}
