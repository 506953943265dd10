using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Metrics;

namespace Telephony.Bench;

/// <summary>
/// The Overview page's one read (<see cref="MonitoringQueries.GetOverviewPageAsync"/>, in UTC with the default
/// thresholds) at production volume: calls seeded with the app's own <c>seed</c> command (rollups counted), statistics
/// refreshed, then the median of 20 warm loads. Its baseline is a one-row primary-key read on the same database and
/// connection pool. What a person waits for is timed by <see cref="PageTiming"/>, on the same database afterwards.
/// </summary>
internal static class OverviewTiming
{
    public sealed record Result(int Calls, TimeSpan Seeding, double FirstMs, double MedianMs, double MaxMs, double PointReadMs);

    public static async Task<Result> RunAsync(BenchSettings settings, ScratchDatabase database)
    {
        var seeding = Stopwatch.StartNew();
        await SeedAsync(settings, "Postgres", database.ConnectionString);
        seeding.Stop();
        await database.ExecuteAsync("VACUUM ANALYZE \"Calls\"");
        await database.ExecuteAsync("VACUUM ANALYZE \"CallHourRollups\"");

        var services = new ServiceCollection().AddTelephonyData(DatabaseProvider.Postgres, database.ConnectionString).BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            var queries = services.GetRequiredService<MonitoringQueries>();
            var first = Stopwatch.StartNew();
            await queries.GetOverviewPageAsync();
            var firstMs = first.Elapsed.TotalMilliseconds;
            var page = await MedianAsync(() => queries.GetOverviewPageAsync());
            var point = await MedianAsync(async () =>
            {
                var factory = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TelephonyDbContext>>();
                await using var db = await factory.CreateDbContextAsync();
                await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                    Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Calls));
            });
            return new Result(settings.OverviewCalls, seeding.Elapsed, firstMs, page.Median, page.Max, point.Median);
        }
    }

    private static async Task<(double Median, double Max)> MedianAsync(Func<Task> run)
    {
        for (var i = 0; i < 3; i++)
        {
            await run();
        }

        var runs = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await run();
            runs.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        runs.Sort();
        return ((runs[9] + runs[10]) / 2, runs[^1]);
    }

    /// <summary>Runs the app's <c>seed</c> command (it also counts the hourly rollups of the seeded hours).</summary>
    public static async Task SeedAsync(BenchSettings settings, string provider, string connectionString)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{settings.AppDll}\" seed --calls {settings.OverviewCalls} --days {settings.OverviewDays}")
        {
            WorkingDirectory = Path.GetDirectoryName(settings.AppDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Database__Provider"] = provider;
        info.Environment["ConnectionStrings__Telephony"] = connectionString;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("seed did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"seed failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
