using System.Diagnostics;

namespace Telephony.Bench;

/// <summary>
/// CPU time spent by the app, the PostgreSQL server and the load generator over one run. Requests per second drift with
/// whatever else the host runs; CPU per request is what a change to the app moves, so it is reported beside them.
/// </summary>
internal sealed class CpuMeter
{
    private readonly int? appPid;
    private readonly TimeSpan appStart, postgresStart, generatorStart;

    private CpuMeter(int? appPid)
    {
        this.appPid = appPid;
        appStart = App();
        postgresStart = Postgres();
        generatorStart = Generator();
    }

    public static CpuMeter Start(int? appPid) => new(appPid);

    /// <summary>Milliseconds of CPU per unit of work (a request, a call) for each party.</summary>
    public CpuPerUnit Per(int units)
    {
        double Ms(TimeSpan spent) => units == 0 ? double.NaN : spent.TotalMilliseconds / units;
        return new CpuPerUnit(Ms(App() - appStart), Ms(Postgres() - postgresStart), Ms(Generator() - generatorStart));
    }

    private static TimeSpan Generator()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private TimeSpan App()
    {
        if (appPid is not { } pid)
        {
            return TimeSpan.Zero;
        }

        using var app = Process.GetProcessById(pid);
        return app.TotalProcessorTime;
    }

    // Every server process: the backends serving the app's pool live as long as the run, so nothing is lost between readings.
    private static TimeSpan Postgres()
    {
        var total = TimeSpan.Zero;
        foreach (var process in Process.GetProcessesByName("postgres"))
        {
            using (process)
            {
                try
                {
                    total += process.TotalProcessorTime;
                }
                catch (InvalidOperationException)
                {
                    // Exited between listing and reading.
                }
            }
        }

        return total;
    }
}

/// <summary>CPU milliseconds per unit of work.</summary>
internal sealed record CpuPerUnit(double App, double Postgres, double Generator)
{
    public override string ToString() => $"CPU per unit: app {App:F2} ms, PostgreSQL {Postgres:F2} ms, load generator {Generator:F2} ms";
}
