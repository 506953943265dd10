using System.Net;
using System.Text.RegularExpressions;

namespace Telephony.Tests.Web;

/// <summary>Signs in the way a browser does: GET the login page, post its form with the antiforgery token.</summary>
public static partial class FormSignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var page = await client.GetStringAsync(url);
        var token = TokenField().Match(page);
        Assert.True(token.Success, "The login page has no antiforgery token.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(url, form);
    }

    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await PostLoginAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in did not redirect: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Signs in and returns the auth cookie as a <c>Cookie</c> header value, for clients outside the cookie jar.</summary>
    public static async Task<string> SignInForCookieAsync(HttpClient client, string email, string password)
    {
        using var response = await PostLoginAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("telephony.auth=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
