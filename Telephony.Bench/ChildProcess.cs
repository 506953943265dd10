using System.Diagnostics;
using System.Globalization;

namespace Telephony.Bench;

/// <summary>A server process under test: started with its environment, waited for, measured (peak RSS), killed at the end.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly string logFile;

    private ChildProcess(Process process, StreamWriter log, string logFile, string baseUrl)
    {
        this.process = process;
        this.log = log;
        this.logFile = logFile;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Id => process.Id;

    public static async Task<ChildProcess> StartAsync(string dll, string args, int port, IReadOnlyDictionary<string, string> environment, string logFile, string readyPath)
    {
        var child = Launch(dll, args, port, environment, logFile);
        await child.WaitReadyAsync(readyPath, TimeSpan.FromMilliseconds(250));
        return child;
    }

    /// <summary>Starts the process without waiting for it: <see cref="WaitReadyAsync"/> then says when it is ready.</summary>
    public static ChildProcess Launch(string dll, string args, int port, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {args}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + dll);
        var log = new StreamWriter(logFile) { AutoFlush = false };
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildProcess(process, log, logFile, $"http://127.0.0.1:{port}");
        return child;

        void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                log.WriteLine(line);
            }
        }
    }

    /// <summary>The largest resident set the process has had (VmHWM), in MB.</summary>
    public double PeakWorkingSetMb()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        await log.DisposeAsync();
    }

    /// <summary>Polls <paramref name="readyPath"/> every <paramref name="poll"/> until it answers 2xx (90 s at most).</summary>
    public async Task WaitReadyAsync(string readyPath, TimeSpan poll)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with {process.ExitCode} before it was ready; see {logFile}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUrl + readyPath));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(poll);
        }

        throw new TimeoutException($"Not ready after 90 s; see {logFile}.");
    }
}
