using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Telephony.Data.Idempotency;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Api;

/// <summary>
/// The IETF <c>Idempotency-Key</c> header on POSTs: the first request with a key runs and its response is stored;
/// the same key with the same request (method, path, body) gets that response again; with a different request, 422;
/// while the first is still running, the duplicate waits briefly for it and otherwise gets 409.
/// </summary>
internal sealed class IdempotencyKeyFilter(IdempotencyStore store, IOptions<ProvisioningOptions> options, TimeProvider timeProvider) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return await next(context).ConfigureAwait(false);
        }

        var key = values.ToString().Trim('"');
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Invalid Idempotency-Key", $"Send one Idempotency-Key of 1 to {MaxKeyLength} characters.");
        }

        var scope = $"POST {http.Request.Path.Value}";
        var hash = await HashAsync(http.Request).ConfigureAwait(false);
        var cancellationToken = http.RequestAborted;

        var deadline = timeProvider.GetUtcNow() + options.Value.IdempotencyWait;
        while (true)
        {
            var begin = await store.TryBeginAsync(key, scope, hash, cancellationToken).ConfigureAwait(false);
            switch (begin.Outcome)
            {
                case IdempotencyOutcome.Replay:
                    return new ReplayResult(begin.Response!);
                case IdempotencyOutcome.Mismatch:
                    return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                        "This Idempotency-Key was already used with a different request.");
                case IdempotencyOutcome.InFlight when timeProvider.GetUtcNow() < deadline:
                    await Task.Delay(TimeSpan.FromMilliseconds(50), timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                case IdempotencyOutcome.InFlight:
                    return ApiProblems.Problem(StatusCodes.Status409Conflict, "Request in progress",
                        "A request with this Idempotency-Key is still being processed. Retry later.");
            }

            break;
        }

        return await RunAndStoreAsync(context, next, key, scope).ConfigureAwait(false);
    }

    private async Task<object?> RunAndStoreAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string key, string scope)
    {
        var http = context.HttpContext;
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            var result = await next(context).ConfigureAwait(false);
            if (result is IResult executable)
            {
                await executable.ExecuteAsync(http).ConfigureAwait(false);
            }
            else if (result is not null)
            {
                await Results.Ok(result).ExecuteAsync(http).ConfigureAwait(false);
            }

            var status = http.Response.StatusCode;
            var body = Encoding.UTF8.GetString(buffer.ToArray());
            if (status < 500)
            {
                var response = new IdempotentResponse(status, body, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null);
                await store.CompleteAsync(key, scope, response, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await store.AbandonAsync(key, scope, CancellationToken.None).ConfigureAwait(false);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        }
        catch
        {
            await store.AbandonAsync(key, scope, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
    }

    /// <summary>Buffers the body of API POSTs that carry a key, before model binding reads it, so the filter can hash it.</summary>
    public static IApplicationBuilder BufferIdempotentBodies(IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(HeaderName)
                && ApiServiceExtensions.IsApiRequest(context.Request))
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });

    private static async Task<string> HashAsync(HttpRequest request)
    {
        // Parameter binding has read the body by now; it was buffered (see BufferIdempotentBodies) so it can be read again.
        if (!request.Body.CanSeek)
        {
            throw new InvalidOperationException("The request body was not buffered for Idempotency-Key hashing.");
        }

        request.Body.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path.Value}\n"));
        var bytes = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(bytes, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            sha.AppendData(bytes, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The stored response, sent again as it was, marked as a replay.</summary>
    private sealed class ReplayResult(IdempotentResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            httpContext.Response.Headers[ReplayedHeader] = "true";
            if (response.Location is not null)
            {
                httpContext.Response.Headers.Location = response.Location;
            }

            if (response.ContentType is not null)
            {
                httpContext.Response.ContentType = response.ContentType;
            }

            if (response.Body is { Length: > 0 } body)
            {
                await httpContext.Response.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
