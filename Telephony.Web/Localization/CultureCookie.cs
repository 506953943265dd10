using Microsoft.AspNetCore.Localization;

namespace Telephony.Web.Localization;

/// <summary>
/// The signed-in user's language travels in ASP.NET Core's culture cookie, written at sign-in from the stored choice
/// and again when the user picks another; removed at sign-out, so the sign-in page follows the browser.
/// </summary>
public static class CultureCookie
{
    public static string Name => CookieRequestCultureProvider.DefaultCookieName;

    public static void Write(HttpResponse response, string? language)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (ConsoleLanguages.Normalize(language) is not { } supported)
        {
            Remove(response);
            return;
        }

        response.Cookies.Append(Name, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(supported)), new CookieOptions
        {
            Expires = (response.HttpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
        });
    }

    public static void Remove(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Name, new CookieOptions { Path = "/" });
    }
}
