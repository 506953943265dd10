using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Telephony.Web.Auth;

namespace Telephony.Web.Components.Account;

public partial class Login
{
    private string? errorMessage;

    [SupplyParameterFromForm]
    private LoginInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    /// <summary>Set by single sign-on when it sends the browser back without signing in (see <see cref="SingleSignOn.Message"/>).</summary>
    [SupplyParameterFromQuery(Name = "sso")]
    private string? SingleSignOnOutcome { get; set; }

    private string SingleSignOnHref => $"{SingleSignOn.StartPath}?returnUrl={Uri.EscapeDataString(SafeReturnUrl(ReturnUrl))}";

    protected override void OnInitialized()
    {
        Input ??= new LoginInput();
        errorMessage ??= SingleSignOn.Message(SingleSignOnOutcome);
    }

    private async Task SignInAsync()
    {
        Input ??= new LoginInput();
        var user = await UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is { Disabled: true })
        {
            errorMessage = "This account is disabled. Ask an administrator.";
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
            ? "Too many failed attempts. This account is locked for 15 minutes."
            : "That email and password do not match.";
    }

    /// <summary>Only local paths: an open redirect would let a phishing link bounce users elsewhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    internal sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}
