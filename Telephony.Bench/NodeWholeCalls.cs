using System.Diagnostics;
using System.Text.Json;

namespace Telephony.Bench;

/// <summary>
/// Whole calls, open loop, from a second generator: <c>whole-calls.mjs</c> under Node.js, which signs, sends and follows
/// the app's TwiML with code of its own (no simulator, no .NET HTTP client). Its percentiles and the app's CPU per webhook
/// are set beside the .NET generator's to show that the figures do not depend on who measures them.
/// </summary>
internal static class NodeWholeCalls
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public sealed record Result(int Offered, int Completed, int Failed, string? FirstFailure, int Webhooks, double ElapsedSeconds, double TailMs,
        double P50, double P90, double P99, double Max, double CpuMs)
    {
        public double CallsPerSecond => Completed / ElapsedSeconds;

        public double WebhooksPerSecond => Webhooks / ElapsedSeconds;
    }

    public static async Task<Result> RunAsync(string baseUrl, string mediaBaseUrl, int callsPerSecond, TimeSpan duration, int firstCaller)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "whole-calls.mjs");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            script, baseUrl, AppUnderTest.AuthToken, AppUnderTest.AccountSid,
            callsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ((int)duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            firstCaller.ToString(System.Globalization.CultureInfo.InvariantCulture),
            mediaBaseUrl,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("whole-calls.mjs failed: " + output + await stderr);
        }

        return JsonSerializer.Deserialize<Result>(output.Trim(), JsonOptions)
            ?? throw new InvalidOperationException("whole-calls.mjs printed nothing");
    }
}
