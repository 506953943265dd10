using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Core.Provisioning;
using Telephony.Data.Provisioning;
using Telephony.Web.Api;

namespace Telephony.Web.Provisioning;

/// <summary>The admin HTTP API for provisioning (docs/design.md, "Admin HTTP API"): JSON, problem details on every error.</summary>
public static class ProvisioningApi
{
    public static RouteGroupBuilder MapProvisioningEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapAdminApiGroup("/api", "Provisioning")
            .AddEndpointFilter<IdempotencyKeyFilter>();

        api.WithRequestTimeout(ApiServiceExtensions.TimeoutPolicy);
        api.MapPost("/tenants", OnboardTenantAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/tenants", ListTenantsAsync);
        api.MapPost("/numbers", ProvisionNumberAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/numbers", ListNumbersAsync);
        api.MapDelete("/numbers/{sid}", ReleaseNumberAsync);
        api.MapPost("/numbers/reconfigure", ReconfigureNumbersAsync);
        api.MapPost("/numbers/{sid}/reconfigure", ReconfigureNumberAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/transactions", ListTransactionsAsync).ProducesValidationProblem();
        api.MapGet("/transactions/{id:guid}", GetTransactionAsync).WithName("GetTransaction");
        api.MapPost("/porting", CreatePortingRequestAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/porting", ListPortingRequestsAsync);
        api.MapPost("/porting/{id:guid}/state", MovePortingRequestAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/transactions/{id:guid}/retry", RetryAsync);
        api.MapPost("/transactions/{id:guid}/compensate", CompensateAsync);
        return api;
    }

    public static async Task<Results<AcceptedAtRoute<TransactionDto>, ValidationProblem>> OnboardTenantAsync(
        OnboardTenantRequest request, ClaimsPrincipal user, ProvisioningService provisioning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (!ProvisioningSagas.IsValidTenantName(request.Name))
        {
            errors["name"] = ["A name of 1 to 100 characters is required."];
        }

        if (!ProvisioningSagas.IsValidAreaCode(request.AreaCode))
        {
            errors["areaCode"] = ["A three-digit North American area code (e.g. 604) is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var transaction = await provisioning.OnboardTenantAsync(AdminActor.From(user), request.Name!, request.AreaCode!, cancellationToken).ConfigureAwait(false);
        return Accepted(transaction);
    }

    public static async Task<Results<AcceptedAtRoute<TransactionDto>, ValidationProblem, ProblemHttpResult>> ProvisionNumberAsync(
        ProvisionNumberRequest request, ClaimsPrincipal user, ProvisioningService provisioning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.TenantId is null || request.TenantId == Guid.Empty)
        {
            errors["tenantId"] = ["The tenant's id is required."];
        }

        if (!ProvisioningSagas.IsValidAreaCode(request.AreaCode))
        {
            errors["areaCode"] = ["A three-digit North American area code (e.g. 604) is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (transaction, problem) = await provisioning.ProvisionNumberAsync(AdminActor.From(user), request.TenantId!.Value, request.AreaCode!, cancellationToken).ConfigureAwait(false);
        return transaction is not null ? Accepted(transaction)
            : problem is null ? ApiProblems.NotFound($"Tenant {request.TenantId}")
            : ApiProblems.Problem(StatusCodes.Status409Conflict, "Tenant not active", problem);
    }

    public static async Task<Results<AcceptedAtRoute<TransactionDto>, ProblemHttpResult>> ReleaseNumberAsync(
        string sid, ClaimsPrincipal user, ProvisioningService provisioning, CancellationToken cancellationToken)
    {
        var (transaction, problem) = await provisioning.ReleaseNumberAsync(AdminActor.From(user), sid, cancellationToken).ConfigureAwait(false);
        return transaction is not null ? Accepted(transaction)
            : problem is null ? ApiProblems.NotFound($"Number {sid}")
            : ApiProblems.Problem(StatusCodes.Status409Conflict, "Number not active", problem);
    }

    public static async Task<Results<Created<PortingRequestDto>, ValidationProblem, ProblemHttpResult>> CreatePortingRequestAsync(
        CreatePortingRequest request, ClaimsPrincipal user, ProvisioningService provisioning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var creation = await provisioning.CreatePortingRequestAsync(AdminActor.From(user), request.E164, request.LosingCarrier, request.TenantId, cancellationToken).ConfigureAwait(false);
        return creation switch
        {
            { Request: { } created } => TypedResults.Created($"/api/porting/{created.Id}", PortingRequestDto.From(created)),
            { Errors.Count: > 0 } => TypedResults.ValidationProblem(creation.Errors),
            _ => ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "Unknown tenant", creation.Problem!),
        };
    }

    public static async Task<Ok<List<PortingRequestDto>>> ListPortingRequestsAsync(ProvisioningService provisioning, CancellationToken cancellationToken) =>
        TypedResults.Ok((await provisioning.ListPortingRequestsAsync(cancellationToken).ConfigureAwait(false)).Select(PortingRequestDto.From).ToList());

    public static async Task<Results<Ok<PortingRequestDto>, ValidationProblem, ProblemHttpResult>> MovePortingRequestAsync(
        Guid id, MovePortingRequest request, ClaimsPrincipal user, ProvisioningService provisioning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!PortingRequestDto.TryParseState(request.State, out var state) || !PortingStates.IsValidNote(request.Note))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["state"] = [$"One of: {string.Join(", ", Enum.GetValues<PortingState>().Select(StatusNames.Of))}; a note of at most 500 characters."],
            });
        }

        var (moved, outcome) = await provisioning.MovePortingRequestAsync(AdminActor.From(user), id, state, request.Note, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            AdminActionOutcome.NotFound => ApiProblems.NotFound($"Porting request {id}"),
            AdminActionOutcome.Conflict => ApiProblems.Problem(StatusCodes.Status409Conflict, "Not allowed from the current state",
                $"A porting request that is {StatusNames.Of(moved!.State)} cannot become {StatusNames.Of(state)}."),
            _ => TypedResults.Ok(PortingRequestDto.From(moved!)),
        };
    }

    public static async Task<Ok<List<TenantDto>>> ListTenantsAsync(ProvisioningService provisioning, CancellationToken cancellationToken) =>
        TypedResults.Ok((await provisioning.ListTenantsAsync(cancellationToken).ConfigureAwait(false)).Select(TenantDto.From).ToList());

    public static async Task<Ok<List<PhoneNumberDto>>> ListNumbersAsync(ProvisioningService provisioning, CancellationToken cancellationToken) =>
        TypedResults.Ok((await provisioning.ListNumbersAsync(cancellationToken).ConfigureAwait(false)).Select(n => PhoneNumberDto.From(n, provisioning.CurrentUrls)).ToList());

    /// <summary>Points every active number's webhooks at the current <c>Twilio:PublicBaseUrl</c>.</summary>
    public static async Task<AcceptedAtRoute<TransactionDto>> ReconfigureNumbersAsync(ClaimsPrincipal user, ProvisioningService provisioning, CancellationToken cancellationToken) =>
        Accepted((await provisioning.ReconfigureNumbersAsync(AdminActor.From(user), null, cancellationToken).ConfigureAwait(false)).Transaction!);

    public static async Task<Results<AcceptedAtRoute<TransactionDto>, ProblemHttpResult>> ReconfigureNumberAsync(
        string sid, ClaimsPrincipal user, ProvisioningService provisioning, CancellationToken cancellationToken)
    {
        var (transaction, problem) = await provisioning.ReconfigureNumbersAsync(AdminActor.From(user), sid, cancellationToken).ConfigureAwait(false);
        return transaction is not null ? Accepted(transaction)
            : problem is null ? ApiProblems.NotFound($"Number {sid}")
            : ApiProblems.Problem(StatusCodes.Status409Conflict, "Number not active", problem);
    }

    public static async Task<Results<Ok<List<TransactionDto>>, ValidationProblem>> ListTransactionsAsync(
        string? status, ProvisioningService provisioning, CancellationToken cancellationToken)
    {
        TransactionStatus? filter = null;
        if (status is not null)
        {
            if (!StatusNames.TryParse(status, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"One of: {string.Join(", ", Enum.GetValues<TransactionStatus>().Select(StatusNames.Of))}."],
                });
            }

            filter = parsed;
        }

        var list = await provisioning.ListTransactionsAsync(filter, 200, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(list.Select(TransactionDto.From).ToList());
    }

    public static async Task<Results<Ok<TransactionDto>, ProblemHttpResult>> GetTransactionAsync(
        Guid id, ProvisioningService provisioning, CancellationToken cancellationToken) =>
        await provisioning.FindTransactionAsync(id, cancellationToken).ConfigureAwait(false) is { } t
            ? TypedResults.Ok(TransactionDto.From(t))
            : ApiProblems.NotFound($"Transaction {id}");

    public static Task<Results<AcceptedAtRoute<TransactionDto>, ProblemHttpResult>> RetryAsync(
        Guid id, ClaimsPrincipal user, ProvisioningService provisioning, CancellationToken cancellationToken) =>
        ActAsync(id, provisioning, (i, ct) => provisioning.RetryAsync(AdminActor.From(user), i, ct), cancellationToken);

    public static Task<Results<AcceptedAtRoute<TransactionDto>, ProblemHttpResult>> CompensateAsync(
        Guid id, ClaimsPrincipal user, ProvisioningService provisioning, CancellationToken cancellationToken) =>
        ActAsync(id, provisioning, (i, ct) => provisioning.CompensateAsync(AdminActor.From(user), i, ct), cancellationToken);

    private static async Task<Results<AcceptedAtRoute<TransactionDto>, ProblemHttpResult>> ActAsync(
        Guid id, ProvisioningService provisioning, Func<Guid, CancellationToken, Task<AdminActionOutcome>> action, CancellationToken cancellationToken)
    {
        var outcome = await action(id, cancellationToken).ConfigureAwait(false);
        if (outcome == AdminActionOutcome.NotFound)
        {
            return ApiProblems.NotFound($"Transaction {id}");
        }

        if (outcome == AdminActionOutcome.Conflict)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "Transaction not failed", "Only failed transactions can be retried or compensated.");
        }

        var transaction = await provisioning.FindTransactionAsync(id, cancellationToken).ConfigureAwait(false);
        return Accepted(transaction!);
    }

    private static AcceptedAtRoute<TransactionDto> Accepted(ProvisioningTransaction transaction) =>
        TypedResults.AcceptedAtRoute(TransactionDto.From(transaction), "GetTransaction", new { id = transaction.Id });
}
