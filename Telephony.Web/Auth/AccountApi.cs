using Microsoft.AspNetCore.Identity;
using Telephony.Data.Identity;
using Telephony.Web.Localization;

namespace Telephony.Web.Auth;

public static class AccountApi
{
    /// <summary>Sign-out, and the start of single sign-on when configured. Password sign-in is the static-rendered login page, which needs the HTTP response to set the cookie.</summary>
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, HttpContext http) =>
        {
            await signIn.SignOutAsync().ConfigureAwait(false);
            CultureCookie.Remove(http.Response); // the sign-in page follows the browser's language again
            return TypedResults.LocalRedirect("/account/login");
        });
        SingleSignOn.MapSingleSignOn(app);
        return app;
    }
}
