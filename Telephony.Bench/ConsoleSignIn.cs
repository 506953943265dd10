using System.Net;
using System.Text.RegularExpressions;

namespace Telephony.Bench;

/// <summary>Signs in through the login form, as a browser does, for the hub clients' cookie.</summary>
internal static partial class ConsoleSignIn
{
    public static async Task<string> CookieAsync(string baseUrl)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
        var page = await client.GetStringAsync(new Uri(baseUrl + "/account/login"));
        var token = TokenField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "login",
            ["Input.Email"] = AppUnderTest.AdminEmail,
            ["Input.Password"] = AppUnderTest.AdminPassword,
        });
        using var response = await client.PostAsync(new Uri(baseUrl + "/account/login"), form);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(c => c.StartsWith("telephony.auth=", StringComparison.Ordinal))
            : null;
        return cookie is null
            ? throw new InvalidOperationException($"Sign-in failed: HTTP {(int)response.StatusCode}")
            : cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
