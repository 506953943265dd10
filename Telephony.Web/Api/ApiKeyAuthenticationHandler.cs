using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telephony.Data;
using Telephony.Web.Auth;

namespace Telephony.Web.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> for the admin API: <c>Bootstrap:ApiKey</c> when set, or a key created in
/// the console (only its SHA-256 hash is stored). Either signs the caller in as an admin.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<BootstrapOptions> bootstrap,
    IDbContextFactory<TelephonyDbContext> contextFactory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = header.Parameter;
        var name = await IdentifyAsync(presented).ConfigureAwait(false);
        if (name is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, Roles.Admin)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private async Task<string?> IdentifyAsync(string presented)
    {
        var bootstrapKey = bootstrap.Value.ApiKey;
        if (bootstrapKey.Length > 0
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(bootstrapKey)), SHA256.HashData(Encoding.UTF8.GetBytes(presented))))
        {
            return "bootstrap-api-key";
        }

        var hash = ApiKeyAdministration.Hash(presented);
        var db = await contextFactory.CreateDbContextAsync(Context.RequestAborted).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var key = await db.ApiKeys.AsNoTracking()
                .Where(k => k.KeyHash == hash && k.RevokedAt == null)
                .Select(k => new { k.Name })
                .FirstOrDefaultAsync(Context.RequestAborted).ConfigureAwait(false);
            return key is null ? null : $"api-key:{key.Name}";
        }
    }
}
