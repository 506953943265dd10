using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Telephony.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 cluster of its own (initdb into a temporary folder, its own port), so a test can really
/// stop and start PostgreSQL without touching the shared cluster other tests use. Runs the server as the
/// <c>postgres</c> OS user (it refuses to run as root). Fails loudly when PostgreSQL 15's binaries are missing.
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string root = Path.Combine(Path.GetTempPath(), $"telephony-pg-{Guid.NewGuid():N}");

    public int Port { get; } = FreePort();

    private string DataDirectory => Path.Combine(root, "data");

    /// <summary>A connection string to a new database in this cluster.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"telephony_{Guid.NewGuid():N}";
        // Unpooled: a pooled connection would be a dead one after a stop and start.
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 3 }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb missing); ./test.sh installs and starts it.");
        }

        Directory.CreateDirectory(root);
        await RunAsync("chown", "postgres:postgres", root);
        await AsPostgresAsync("initdb", "-D", DataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        await StartAsync();
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAsync() => AsPostgresAsync(
        "pg_ctl", "-D", DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");

    /// <summary>Stops the server the hard way (<c>-m immediate</c>): connections drop as in a crash.</summary>
    public Task StopAsync() => AsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(root, recursive: true);
    }

    private static Task AsPostgresAsync(string tool, params string[] args) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, tool), .. args]);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
