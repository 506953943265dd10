using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Metrics;

namespace Telephony.Bench;

/// <summary>
/// The Overview page's one read (<see cref="MonitoringQueries.GetOverviewPageAsync"/>) at production volume: calls seeded
/// with the app's own <c>seed</c> command, statistics refreshed, then the median of 20 warm loads. Its baseline is a
/// one-row primary-key read on the same database and connection pool.
/// </summary>
internal static class OverviewTiming
{
    public sealed record Result(int Calls, TimeSpan Seeding, double FirstMs, double MedianMs, double MaxMs, double PointReadMs);

    public static async Task<Result> RunAsync(BenchSettings settings, ScratchDatabase database)
    {
        var seeding = Stopwatch.StartNew();
        await SeedAsync(settings, database);
        seeding.Stop();
        await database.ExecuteAsync("VACUUM ANALYZE \"Calls\"");

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

    private static async Task SeedAsync(BenchSettings settings, ScratchDatabase database)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{settings.AppDll}\" seed --calls {settings.OverviewCalls}")
        {
            WorkingDirectory = Path.GetDirectoryName(settings.AppDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Database__Provider"] = "Postgres";
        info.Environment["ConnectionStrings__Telephony"] = database.ConnectionString;
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
