using System.ComponentModel;
using System.Diagnostics;

namespace Telephony.Tests.Telemetry;

/// <summary>Prometheus's own checker (Debian's <c>prometheus</c> package). Missing means failing, never skipping.</summary>
internal static class Promtool
{
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"promtool is not installed ({e.Message}). ./test.sh installs it (Debian package 'prometheus'), or: apt-get install -y prometheus");
            throw;
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(exposition.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await output + await error);
        }
    }
}
