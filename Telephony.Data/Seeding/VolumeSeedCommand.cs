using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Telephony.Data.Seeding;

/// <summary>
/// The <c>seed --calls N [--days D] [--seed S]</c> command line, so the web app can offer
/// <c>dotnet run --project Telephony.Web -- seed --calls 1000000</c> with two lines in Program.cs.
/// </summary>
public static class VolumeSeedCommand
{
    public const string Name = "seed";

    public static bool Matches(IReadOnlyList<string> args) => args is [Name, ..];

    /// <summary>Migrates the database, seeds, prints one line; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        if (!TryParse(args, out var calls, out var days, out var seed))
        {
            await output.WriteLineAsync("usage: seed --calls <count> [--days <span, default 30>] [--seed <random seed, default 1>]").ConfigureAwait(false);
            return 2;
        }

        await DatabaseMigrator.MigrateAsync(services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>(), cancellationToken).ConfigureAwait(false);
        var result = await services.GetRequiredService<VolumeSeeder>()
            .SeedCallsAsync(calls, TimeSpan.FromDays(days), seed, cancellationToken)
            .ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Seeded {result.Calls} calls and {result.ConsentRecords} consent ledger entries from {result.From:u} to {result.To:u} in {result.Elapsed.TotalSeconds:F1} s.")).ConfigureAwait(false);
        return 0;
    }

    internal static bool TryParse(IReadOnlyList<string> args, out int calls, out double days, out int seed)
    {
        calls = -1;
        days = 30;
        seed = 1;
        if (!Matches(args))
        {
            return false;
        }

        for (var i = 1; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--calls" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out calls),
                "--days" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out days),
                "--seed" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return args.Count % 2 == 1 && calls >= 0 && days > 0;
    }
}
