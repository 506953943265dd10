using System.Globalization;

namespace Telephony.Bench;

/// <summary>Command-line settings: <c>--app &lt;Telephony.Web.dll&gt; --postgres &lt;admin connection string&gt; [--seconds 10] [--warmup 10] [--calls 1000000] [--days 30] [--only pgbench,postgres,wrk,cold,calls,live,sqlite,overview,overview-sqlite,readapi] [--app-env NAME=VALUE,...]</c>.</summary>
internal sealed record BenchSettings(string AppDll, string PostgresAdmin, int Seconds, int WarmupSeconds, int OverviewCalls, int OverviewDays, string WorkDirectory, IReadOnlySet<string> Only, IReadOnlyDictionary<string, string> AppEnvironment)
{
    public const int Connections = 32;
    public const int HubClients = 50;
    public const int WebhooksPerSecond = 500;

    /// <summary>The whole-call target: calls started per second in the open-loop run.</summary>
    public const int CallsPerSecond = 700;

    public TimeSpan Duration => TimeSpan.FromSeconds(Seconds);

    /// <summary>Load before each measured run on a fresh app, until tiered JIT has compiled the hot paths.</summary>
    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    /// <summary>Whether to run <paramref name="part"/>; everything runs unless <c>--only</c> names some parts (baseline A always runs).</summary>
    public bool Runs(string part) => Only.Count == 0 || Only.Contains(part);

    public static BenchSettings Parse(string[] args)
    {
        string? app = null, postgres = null;
        int seconds = 10, warmup = 10, calls = 1_000_000, days = 30;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var appEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--app": app = args[i + 1]; break;
                case "--postgres": postgres = args[i + 1]; break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--calls": calls = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--days": days = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--only": only.UnionWith(args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--app-env":
                    foreach (var pair in args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var (name, value) = pair.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq ? (pair[..eq], pair[(eq + 1)..]) : throw new ArgumentException("--app-env takes NAME=VALUE pairs: " + pair);
                        appEnvironment[name] = value;
                    }

                    break;
                default: throw new ArgumentException("Unknown option " + args[i]);
            }
        }

        if (app is null || !File.Exists(app) || postgres is null)
        {
            throw new ArgumentException("usage: Telephony.Bench --app <path to Telephony.Web.dll> --postgres <connection string> [--seconds 10] [--warmup 10] [--calls 1000000] [--days 30] [--only parts] [--app-env NAME=VALUE,...]");
        }

        var work = Path.Combine(Path.GetTempPath(), "telephony-bench-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        return new BenchSettings(Path.GetFullPath(app), postgres, seconds, warmup, calls, days, work, only, appEnvironment);
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
