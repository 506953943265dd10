using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Telephony.Bench;

/// <summary>Baseline B: <c>pgbench</c> single-row inserts on the same PostgreSQL server, with as many clients as the load generator has connections.</summary>
internal static partial class PgBench
{
    public sealed record Result(double InsertsPerSecond, double AverageLatencyMs);

    public static async Task<Result> RunAsync(ScratchDatabase database, BenchSettings settings)
    {
        await database.ExecuteAsync("CREATE TABLE bench_insert (id bigserial PRIMARY KEY, caller text NOT NULL, at timestamptz NOT NULL DEFAULT now())");
        var script = Path.Combine(settings.WorkDirectory, "insert.sql");
        await File.WriteAllTextAsync(script, "\\set n random(1, 1000000000)\nINSERT INTO bench_insert (caller) VALUES ('+1438' || :n);\n");
        var cs = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var info = new ProcessStartInfo("pgbench",
            $"-n -c {BenchSettings.Connections} -j 2 -T {settings.Seconds} -f \"{script}\" -h {cs.Host} -p {cs.Port} -U {cs.Username} {database.Name}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["PGPASSWORD"] = cs.Password ?? "";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("pgbench did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("pgbench failed: " + await stderr + output);
        }

        var tps = Tps().Match(output);
        var latency = Latency().Match(output);
        if (!tps.Success || !latency.Success)
        {
            throw new InvalidOperationException("Could not read pgbench's output: " + output);
        }

        return new Result(double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();
}
