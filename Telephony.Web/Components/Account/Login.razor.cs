using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Telephony.Web.Auth;
using Telephony.Web.Components.Common;

namespace Telephony.Web.Components.Account;

public partial class Login
{
    private string? errorMessage;

    [SupplyParameterFromForm]
    private LoginInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    /// <summary>Set by single sign-on when it sends the browser back without signing in (its outcome, lower case).</summary>
    [SupplyParameterFromQuery(Name = "sso")]
    private string? SingleSignOnOutcome { get; set; }

    private string SingleSignOnHref => $"{SingleSignOn.StartPath}?returnUrl={Uri.EscapeDataString(SafeReturnUrl(ReturnUrl))}";

    protected override void OnInitialized()
    {
        Input ??= new LoginInput();
        errorMessage ??= SingleSignOnMessage(SingleSignOnOutcome);
    }

    private async Task SignInAsync()
    {
        Input ??= new LoginInput();
        var user = await UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is { Disabled: true })
        {
            errorMessage = L["This account is disabled. Ask an administrator."];
            return;
        }

        // lockoutOnFailure: repeated wrong passwords lock the account for a while (Identity's lockout options).
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await SignInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl), forceLoad: true);
            return;
        }

        errorMessage = result.IsLockedOut
            ? L["Too many failed attempts. This account is locked for 15 minutes."]
            : L["That email and password do not match."];
    }

    /// <summary>What the page says for <c>?sso=</c>.</summary>
    private string? SingleSignOnMessage(string? outcome) => outcome switch
    {
        "nomatchinggroup" => L["Your single sign-on account is not in a group that may use this console. Ask an administrator to add you to the support or admin group."],
        "noemail" => L["Your identity provider did not send an email address, so no console account can be matched."],
        "disabled" => L["This account is disabled. Ask an administrator."],
        "failed" => L["Single sign-on did not complete. Try again, or sign in with your email and password."],
        _ => (string?)null,
    };

    /// <summary>Only local paths: an open redirect would let a phishing link bounce users elsewhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    internal sealed class LoginInput
    {
        [Required(ErrorMessageResourceType = typeof(LoginMessages), ErrorMessageResourceName = nameof(LoginMessages.EnterEmail))]
        [EmailAddress(ErrorMessageResourceType = typeof(LoginMessages), ErrorMessageResourceName = nameof(LoginMessages.EnterValidEmail))]
        public string Email { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(LoginMessages), ErrorMessageResourceName = nameof(LoginMessages.EnterPassword))]
        public string Password { get; set; } = "";
    }

    /// <summary>The form's validation messages, in the page's language (data annotations read them by name).</summary>
    internal static class LoginMessages
    {
        public static string EnterEmail => Shared["Enter your email."];

        public static string EnterValidEmail => Shared["Enter a valid email address."];

        public static string EnterPassword => Shared["Enter your password."];

        private static IStringLocalizer Shared => SharedStrings.Localizer;
    }
}
