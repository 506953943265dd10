using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Telephony.Tests.ScaleOut;

/// <summary>
/// One instance of the app as its own operating-system process (<c>dotnet Telephony.Web.dll</c>), configured by
/// environment variables like a container, with its output kept for diagnosis. Killed (SIGKILL) on dispose.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private readonly string home;

    private AppProcess(string name, Process process, Uri address, string home)
    {
        Name = name;
        this.process = process;
        Address = address;
        this.home = home;
    }

    public string Name { get; }

    public Uri Address { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyCollection<string> Output => output;

    public static AppProcess Start(string name, IDictionary<string, string> environment)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var home = Directory.CreateTempSubdirectory($"telephony-{name}-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WebAssemblyPath());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString());

        // Its own HOME: anything the app kept on the local disk (a file key ring, say) would not be shared.
        info.Environment["HOME"] = home;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var instance = new AppProcess(name, process, address, home);
        process.OutputDataReceived += (_, e) => instance.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    /// <summary>Waits for <c>/health/ready</c> (migrations applied, database reachable).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // drain the output
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(40))}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // busy starting
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout}.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no draining, exactly like a crashed container.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public bool Logged(string text) => output.Any(line => line.Contains(text, StringComparison.Ordinal));

    public string Dump() => $"----- {Name} ({Address}) -----{Environment.NewLine}{string.Join(Environment.NewLine, output)}";

    public void Dispose()
    {
        Kill();
        process.Dispose();
        Directory.Delete(home, recursive: true);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>The app beside the test binaries (the test project references it), else in its own build folder.</summary>
    private static string WebAssemblyPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Telephony.Web.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Telephony.Web.runtimeconfig.json")))
        {
            return beside;
        }

        throw new FileNotFoundException($"Telephony.Web.dll (with its runtimeconfig) is not beside the tests in {AppContext.BaseDirectory}; build the solution.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
