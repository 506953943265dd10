using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Telephony.Web.Auth;

namespace Telephony.Web.Api;

/// <summary>
/// What every group under <c>/api</c> shares: bearer API keys beside the cookie, the admin policy, problem details,
/// <c>Idempotency-Key</c>, the request timeout and the OpenAPI document. Features map their own groups with
/// <see cref="MapAdminApiGroup"/>.
/// </summary>
public static class ApiServiceExtensions
{
    /// <summary>Admins, signed in by cookie or by a bearer API key.</summary>
    public const string Policy = "AdminApi";

    /// <summary>Support and admins, signed in by cookie or by a bearer API key (every key is an admin's): the read API.</summary>
    public const string ReadPolicy = "ReadApi";

    /// <summary>The request timeout policy of the admin API (its length is <c>Security:ApiRequestTimeout</c>).</summary>
    public const string TimeoutPolicy = "api";

    /// <summary>The path every admin API group lives under.</summary>
    public static readonly PathString Prefix = "/api";

    /// <summary>API key authentication and administration, the admin policy, the <c>Idempotency-Key</c> filter and its cleanup, OpenAPI.</summary>
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ApiKeyAdministration>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireRole(Roles.Admin)));
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(ReadPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireRole(Roles.Support, Roles.Admin)));

        services.AddSingleton<IdempotencyKeyFilter>();
        services.AddHostedService<IdempotencyCleanup>();

        services.AddOpenApi();
        return builder;
    }

    /// <summary>After authorization, before the endpoints: bodies of API POSTs that carry an <c>Idempotency-Key</c> are buffered for hashing.</summary>
    public static WebApplication UseApi(this WebApplication app)
    {
        IdempotencyKeyFilter.BufferIdempotentBodies(app);
        return app;
    }

    /// <summary>The OpenAPI document, admins only: it maps the whole admin surface, and every client of it holds admin credentials anyway.</summary>
    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().RequireAuthorization(Policy);
        return app;
    }

    /// <summary>A group of the admin API under <paramref name="prefix"/>: admins only, documented under <paramref name="tag"/>, 401 and 403 as problems.</summary>
    public static RouteGroupBuilder MapAdminApiGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix)
            .RequireAuthorization(Policy)
            .WithTags(tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>A read-only group under <paramref name="prefix"/>: Support and admins (what the console shows them), documented under <paramref name="tag"/>.</summary>
    public static RouteGroupBuilder MapReadApiGroup(this IEndpointRouteBuilder app, string prefix, string tag)
    {
        var group = app.MapGroup(prefix)
            .RequireAuthorization(ReadPolicy)
            .WithTags(tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.WithRequestTimeout(TimeoutPolicy);
        return group;
    }

    /// <summary>Whether a request is for the admin API.</summary>
    public static bool IsApiRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
    }
}
