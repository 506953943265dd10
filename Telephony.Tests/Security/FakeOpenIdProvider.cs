using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Telephony.Tests.Security;

/// <summary>
/// A tiny OpenID provider on a loopback port: discovery, JWKS (an RSA key made here), an authorize endpoint that "logs in"
/// whoever <see cref="NextUser"/> is and redirects back with a code, and a token endpoint that checks the client secret
/// and the PKCE verifier and returns an RS256 id_token carrying the authorize request's nonce and the user's groups.
/// </summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "hotline-console";
    public const string ClientSecret = "fake-client-secret-0123456789";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> grants = new();
    private WebApplication? app;

    public FakeOpenIdProvider()
    {
        SigningKey = new RsaSecurityKey(rsa) { KeyId = "test-key-1" };
    }

    public RsaSecurityKey SigningKey { get; }

    /// <summary>The provider's base address, with a trailing slash.</summary>
    public Uri Issuer { get; private set; } = null!;

    /// <summary>The <c>iss</c> value and the app's <c>Authority</c>: the base address without the trailing slash.</summary>
    public string IssuerName => Issuer.ToString().TrimEnd('/');

    /// <summary>Who signs in at the next authorize request.</summary>
    public FakeUser NextUser { get; set; } = new("sub-1", "person@company.example", []);

    /// <summary>The query of the last authorize request, as the app sent it.</summary>
    public IReadOnlyDictionary<string, string> LastAuthorizeRequest { get; private set; } = new Dictionary<string, string>();

    /// <summary>How many codes the app redeemed, and whether the last redemption carried a valid PKCE verifier.</summary>
    public int TokenRequests { get; private set; }

    public bool LastVerifierMatched { get; private set; }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(
            $$"""
            {
              "issuer": "{{IssuerName}}",
              "authorization_endpoint": "{{Issuer}}authorize",
              "token_endpoint": "{{Issuer}}token",
              "jwks_uri": "{{Issuer}}jwks",
              "response_types_supported": ["code"],
              "subject_types_supported": ["public"],
              "id_token_signing_alg_values_supported": ["RS256"],
              "code_challenge_methods_supported": ["S256"]
            }
            """,
            "application/json"));
        app.MapGet("/jwks", () =>
        {
            var parameters = rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = SigningKey.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            LastAuthorizeRequest = query;
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            grants[code] = new Grant(NextUser, query.GetValueOrDefault("nonce", ""), query.GetValueOrDefault("code_challenge", ""), query.GetValueOrDefault("redirect_uri", ""));
            return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"])}");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            TokenRequests++;
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            if (!grants.TryRemove(form["code"].ToString(), out var grant) || form["redirect_uri"] != grant.RedirectUri)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            LastVerifierMatched = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) == grant.CodeChallenge;
            if (!LastVerifierMatched)
            {
                return Results.Json(new { error = "invalid_grant", error_description = "PKCE verifier does not match" }, statusCode: 400);
            }

            var accessToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 300, id_token = IdToken(grant, accessToken) });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Issuer = new Uri(address.TrimEnd('/') + "/");
    }

    private string IdToken(Grant grant, string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = grant.User.Subject,
            ["email"] = grant.User.Email,
            ["name"] = "Test Person",
            ["nonce"] = grant.Nonce,
            ["at_hash"] = Base64UrlEncoder.Encode(hash[..(hash.Length / 2)]),
            ["groups"] = grant.User.Groups,
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerName,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        rsa.Dispose();
    }

    public sealed record FakeUser(string Subject, string Email, string[] Groups);

    private sealed record Grant(FakeUser User, string Nonce, string CodeChallenge, string RedirectUri);
}
