using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Telephony.Data.Identity;

namespace Telephony.Web.Auth;

/// <summary>Creates the roles and, when there are no users at all, the first admin.</summary>
public sealed partial class BootstrapAdmin(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<BootstrapOptions> options,
    TimeProvider time,
    ILogger<BootstrapAdmin> logger)
{
    public const string DefaultAdminEmail = "admin@hotline.local";

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (users.Users.Any())
        {
            return;
        }

        var email = string.IsNullOrWhiteSpace(options.Value.AdminEmail) ? DefaultAdminEmail : options.Value.AdminEmail.Trim();
        var generated = string.IsNullOrEmpty(options.Value.AdminPassword);
        var password = generated ? GeneratePassword() : options.Value.AdminPassword;
        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator", CreatedAt = time.GetUtcNow() };
        Check(await users.CreateAsync(admin, password).ConfigureAwait(false));
        Check(await users.AddToRoleAsync(admin, Roles.Admin).ConfigureAwait(false));
        LogCreated(logger, email);

        if (generated)
        {
            // Printed once to the console, deliberately not through the logger: logs never hold secrets.
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine($" First admin created: {email}");
            Console.WriteLine($" Password (shown once, change it after signing in): {password}");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
    }

    /// <summary>24 random characters from an unambiguous alphabet, with every character class present.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "-_.!";
        var all = lower + upper + digits + symbols;
        var chars = new char[24];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Bootstrap failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No users existed; created the first admin {Email}")]
    private static partial void LogCreated(ILogger logger, string email);
}
