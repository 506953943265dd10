using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Telephony.Core.Twilio;

namespace Telephony.Bench;

/// <summary>
/// The front door measured by <c>wrk</c> (a C load generator, not this process): 32 keep-alive connections on 2 threads,
/// each request one of a file of front doors signed here (its own CallSid, callers cycling through
/// <see cref="Callers"/> numbers), sent by a Lua script. A second opinion on the app's tail next to baseline A, from a
/// generator that takes no CPU for GC or JIT.
/// </summary>
internal static partial class Wrk
{
    public const int Connections = 32;

    /// <summary>Distinct callers in the signed requests: each is counted against the rate limit a few times a minute at most.</summary>
    public const int Callers = 20_000;

    /// <summary>Requests signed per run: more than the app answers in one run, so no CallSid is sent twice.</summary>
    private const int RequestsPerRun = 100_000;

    public sealed record Result(double PerSecond, double P50, double P90, double P99, double Max, long Requests, long Errors, string? Failure);

    private const string Script = """
        -- Front doors signed ahead of the run, one per line: signature, tab, form body. Thread k sends lines k, k+n, ...
        local counter = 0
        function setup(thread)
          thread:set("id", counter)
          counter = counter + 1
        end

        function init(args)
          local path, file, threads = args[1], args[2], tonumber(args[3])
          requests = {}
          local n = 0
          for line in io.lines(file) do
            if n % threads == id then
              local tab = line:find("\t", 1, true)
              requests[#requests + 1] = wrk.format("POST", path, {
                ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
                ["X-Twilio-Signature"] = line:sub(1, tab - 1),
              }, line:sub(tab + 1))
            end
            n = n + 1
          end
          next_request = 0
        end

        function request()
          next_request = next_request + 1
          return requests[(next_request - 1) % #requests + 1]
        end
        """;

    /// <summary>A warm-up run, then the measured run, each with requests of its own; <paramref name="firstCaller"/> keeps the callers of runs apart.</summary>
    public static async Task<Result> RunAsync(BenchSettings settings, TwilioSignatureValidator signer, string baseUrl, string name, int firstCaller)
    {
        var script = Path.Combine(settings.WorkDirectory, "frontdoor.lua");
        await File.WriteAllTextAsync(script, Script);
        var warmup = await SignAsync(settings, signer, baseUrl, name + "-warmup", firstCaller);
        await RunOnceAsync(script, warmup, baseUrl, settings.WarmupSeconds);
        var measured = await SignAsync(settings, signer, baseUrl, name, firstCaller);
        return await RunOnceAsync(script, measured, baseUrl, settings.Seconds);
    }

    private static async Task<string> SignAsync(BenchSettings settings, TwilioSignatureValidator signer, string baseUrl, string name, int firstCaller)
    {
        var file = Path.Combine(settings.WorkDirectory, name + ".requests");
        var text = new StringBuilder();
        for (var n = 0; n < RequestsPerRun; n++)
        {
            var form = SignedForm.FrontDoor(signer, baseUrl, AppUnderTest.AccountSid, firstCaller + (n % Callers));
            text.Append(form.Signature).Append('\t').Append(Encoding.UTF8.GetString(form.Body)).Append('\n');
        }

        await File.WriteAllTextAsync(file, text.ToString());
        return file;
    }

    private static async Task<Result> RunOnceAsync(string script, string requests, string baseUrl, int seconds)
    {
        var info = new ProcessStartInfo("wrk", $"-t2 -c{Connections} -d{seconds}s --latency --timeout 10s -s \"{script}\" {baseUrl} -- {TwilioRoutes.FrontDoor} \"{requests}\" 2")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("wrk failed: " + output);
        }

        return Parse(output);
    }

    internal static Result Parse(string output)
    {
        double Percentile(string p) => Match(LatencyLine(), output, p) is { } m ? Ms(m.Groups[2].Value, m.Groups[3].Value) : double.NaN;
        var max = MaxLine().Match(output);
        var rate = RateLine().Match(output);
        var total = TotalLine().Match(output);
        var non2xx = Non2xxLine().Match(output);
        var socket = SocketErrors().Match(output);
        long errors = (non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0)
            + (socket.Success ? socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
        return new Result(
            rate.Success ? double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
            Percentile("50"), Percentile("90"), Percentile("99"),
            max.Success ? Ms(max.Groups[1].Value, max.Groups[2].Value) : double.NaN,
            total.Success ? long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            errors,
            non2xx.Success ? "non-2xx answers" : socket.Success ? socket.Value : null);
    }

    private static Match? Match(Regex regex, string output, string percentile) =>
        regex.Matches(output).FirstOrDefault(m => m.Groups[1].Value == percentile);

    private static double Ms(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        _ => double.NaN,
    };

    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    // "    Latency     1.23ms    2.34ms  45.67ms   90.12%": average, deviation, max.
    [GeneratedRegex(@"Latency\s+[0-9.]+(?:us|ms|s|m)\s+[0-9.]+(?:us|ms|s|m)\s+([0-9.]+)(us|ms|s|m)")]
    private static partial Regex MaxLine();

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"([0-9]+) requests in")]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: ([0-9]+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")]
    private static partial Regex SocketErrors();
}
