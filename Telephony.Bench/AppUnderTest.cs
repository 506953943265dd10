using System.Security.Cryptography;

namespace Telephony.Bench;

/// <summary>Starts Telephony.Web (the Release build) the way an operator would, configured by environment only.</summary>
internal static class AppUnderTest
{
    public const string AdminEmail = "bench@hotline.local";
    public static readonly string AccountSid = "AC" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public static readonly string AuthToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public static readonly string AdminPassword = "Bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static Task<ChildProcess> StartAsync(BenchSettings settings, string provider, string connectionString, int port, string mediaBaseUrl, string name) =>
        ChildProcess.StartAsync(settings.AppDll, "", port, Environment(settings, provider, connectionString, port, mediaBaseUrl, name), Path.Combine(settings.WorkDirectory, name + ".log"), "/health/ready");

    /// <summary>Starts the app without waiting for it to be ready.</summary>
    public static ChildProcess Launch(BenchSettings settings, string provider, string connectionString, int port, string mediaBaseUrl, string name) =>
        ChildProcess.Launch(settings.AppDll, "", port, Environment(settings, provider, connectionString, port, mediaBaseUrl, name), Path.Combine(settings.WorkDirectory, name + ".log"));

    private static Dictionary<string, string> Environment(BenchSettings settings, string provider, string connectionString, int port, string mediaBaseUrl, string name)
    {
        var dataDirectory = Path.Combine(settings.WorkDirectory, name + "-data");
        Directory.CreateDirectory(dataDirectory);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = provider,
            ["ConnectionStrings__Telephony"] = connectionString,
            ["Twilio__AccountSid"] = AccountSid,
            ["Twilio__AuthToken"] = AuthToken,
            ["Twilio__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Twilio__ApiBaseUrl"] = mediaBaseUrl,
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
            ["Storage__DataDirectory"] = dataDirectory,
        };
        foreach (var (key, value) in settings.AppEnvironment)
        {
            environment[key] = value;
        }

        return environment;
    }
}
