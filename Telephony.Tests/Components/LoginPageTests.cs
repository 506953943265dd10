using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Identity;
using Telephony.Web.Components.Account;

namespace Telephony.Tests.Components;

public sealed class LoginPageTests : MudBunitContext
{
    public LoginPageTests()
    {
        // The page injects Identity's managers; rendering needs them to exist, not a database round trip.
        Services.AddLogging();
        Services.AddHttpContextAccessor();
        Services.AddTelephonyData(DatabaseProvider.Sqlite, "Data Source=:memory:");
        Services.AddIdentity<AppUser, IdentityRole>().AddEntityFrameworkStores<TelephonyDbContext>();
    }

    [Fact]
    public void The_login_page_asks_for_email_and_password()
    {
        var cut = Render<Login>();

        Assert.Equal("Hotline console", cut.Find("h5").TextContent);
        Assert.Equal("username", cut.Find("input#email").GetAttribute("autocomplete"));
        Assert.Equal("password", cut.Find("input#password").GetAttribute("type"));
        Assert.Equal("Sign in", cut.Find("button[type=submit]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=login-error]"));
    }

    [Fact]
    public void Submitting_an_empty_form_says_what_is_missing()
    {
        var cut = Render<Login>();

        cut.Find("form").Submit();

        var messages = cut.FindAll(".mud-error-text").Select(m => m.TextContent).ToList();
        Assert.Contains("Enter your email.", messages);
        Assert.Contains("Enter your password.", messages);
    }

    [Theory]
    [InlineData("/voicemail", "/voicemail")]
    [InlineData("//evil.example.com", "/")]
    [InlineData("/\\evil.example.com", "/")]
    [InlineData("https://evil.example.com/", "/")]
    [InlineData(null, "/")]
    public void Only_local_return_urls_are_followed(string? returnUrl, string expected) =>
        Assert.Equal(expected, Login.SafeReturnUrl(returnUrl));
}
