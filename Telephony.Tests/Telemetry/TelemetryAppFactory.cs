using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telephony.Data;
using Telephony.Tests.Web;

namespace Telephony.Tests.Telemetry;

/// <summary>
/// The app as <see cref="TelephonyAppFactory"/> runs it, plus what telemetry tests need to see: the console's log
/// lines exactly as the app formats them, and (in-memory server) a client address chosen per request by <see cref="PeerHeader"/>.
/// </summary>
internal sealed class TelemetryAppFactory : TelephonyAppFactory
{
    /// <summary>Test-only request header: the remote address the in-memory server reports for this request.</summary>
    public const string PeerHeader = "X-Test-Peer";

    public TelemetryAppFactory(DatabaseProvider provider = DatabaseProvider.Sqlite, string? connectionString = null, bool kestrel = false)
        : base(provider, connectionString, kestrel)
    {
    }

    public ConsoleLines ConsoleLines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(ConsoleLines));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter());
            services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp => new global::Telephony.Tests.Telemetry.ConsoleLines.Attach(ConsoleLines, sp));
        });
    }

    private sealed class PeerAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(PeerHeader, out var peer) && IPAddress.TryParse(peer, out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
