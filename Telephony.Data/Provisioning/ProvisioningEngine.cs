using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telephony.Core.Provisioning;

namespace Telephony.Data.Provisioning;

/// <summary>
/// Runs provisioning sagas. Each step is persisted before and after its external call; a failure compensates the
/// steps that may have had an effect, in reverse order. Whoever drives a transaction holds a lease on it, claimed and
/// renewed through the optimistic-concurrency <see cref="ProvisioningTransaction.Version"/>, so of several instances
/// exactly one drives it, and another takes over once the lease of a crashed one expires.
/// </summary>
public sealed partial class ProvisioningEngine(
    IDbContextFactory<TelephonyDbContext> contextFactory,
    IProvisioningStepExecutor executor,
    IOptions<ProvisioningEngineOptions> options,
    TimeProvider timeProvider,
    ILogger<ProvisioningEngine> logger)
{
    private const int MaxErrorLength = 1900;

    private ProvisioningEngineOptions Options => options.Value;

    /// <summary>Persists a new pending transaction; <see cref="RunAsync"/> (or the recovery worker) drives it.</summary>
    /// <remarks><paramref name="alongside"/> adds rows saved in the same database transaction (e.g. the pending tenant).</remarks>
    public async Task<ProvisioningTransaction> CreateAsync(
        SagaDefinition saga, string payloadJson, CancellationToken cancellationToken, Action<TelephonyDbContext>? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(saga);
        var now = timeProvider.GetUtcNow();
        var transaction = new ProvisioningTransaction
        {
            Id = Guid.CreateVersion7(now),
            Kind = saga.Kind,
            Status = TransactionStatus.Pending,
            PayloadJson = payloadJson,
            CreatedAt = now,
            UpdatedAt = now,
            Steps = [.. saga.Steps.Select((name, index) => new TransactionStep { Index = index, Name = name })],
        };
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.ProvisioningTransactions.Add(transaction);
            alongside?.Invoke(db);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return transaction;
    }

    /// <summary>Transactions nobody drives: pending, running or compensating with no lease or an expired one.</summary>
    public async Task<IReadOnlyList<Guid>> FindAbandonedAsync(int max, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var candidates = await db.ProvisioningTransactions.AsNoTracking()
                .Where(t => t.Status == TransactionStatus.Pending || t.Status == TransactionStatus.Running || t.Status == TransactionStatus.Compensating)
                .Select(t => new { t.Id, t.LeaseExpiresAt, t.CreatedAt })
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            // Lease times are compared in memory: SQLite cannot order DateTimeOffset values in SQL.
            return [.. candidates.Where(c => c.LeaseExpiresAt is null || c.LeaseExpiresAt <= now).OrderBy(c => c.CreatedAt).Take(max).Select(c => c.Id)];
        }
    }

    /// <summary>
    /// Claims the transaction and drives it to an end state. Returns false when it is not ours to run (finished,
    /// leased by another instance, or the lease was lost midway).
    /// </summary>
    public async Task<bool> RunAsync(Guid transactionId, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.ProvisioningTransactions.Include(t => t.Steps)
                .FirstOrDefaultAsync(t => t.Id == transactionId, cancellationToken).ConfigureAwait(false);
            if (transaction is null || !await TryClaimAsync(db, transaction, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            try
            {
                await DriveAsync(db, transaction, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                LogLeaseLost(logger, transactionId, Options.InstanceId);
                return false;
            }
        }
    }

    /// <summary>Admin action on a failed transaction: run it forward again from the first unfinished step.</summary>
    public Task<AdminActionOutcome> RequestRetryAsync(Guid transactionId, CancellationToken cancellationToken) =>
        ResetFailedAsync(transactionId, TransactionStatus.Running, cancellationToken);

    /// <summary>Admin action on a failed transaction: undo whatever may exist of it.</summary>
    public Task<AdminActionOutcome> RequestCompensateAsync(Guid transactionId, CancellationToken cancellationToken) =>
        ResetFailedAsync(transactionId, TransactionStatus.Compensating, cancellationToken);

    private async Task<AdminActionOutcome> ResetFailedAsync(Guid transactionId, TransactionStatus next, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.ProvisioningTransactions.Include(t => t.Steps)
                .FirstOrDefaultAsync(t => t.Id == transactionId, cancellationToken).ConfigureAwait(false);
            if (transaction is null)
            {
                return AdminActionOutcome.NotFound;
            }

            if (transaction.Status != TransactionStatus.Failed)
            {
                return AdminActionOutcome.Conflict;
            }

            if (next == TransactionStatus.Running)
            {
                // Steps whose effect is uncertain run again; their executors find what already exists.
                foreach (var step in transaction.Steps.Where(s => s.Status != StepStatus.Completed))
                {
                    step.Status = StepStatus.Pending;
                    step.Error = null;
                    step.ResultJson = null;
                    step.StartedAt = null;
                    step.CompletedAt = null;
                }
            }

            transaction.Status = next;
            transaction.Error = null;
            transaction.LeaseOwner = null;
            transaction.LeaseExpiresAt = null;
            transaction.UpdatedAt = timeProvider.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return AdminActionOutcome.Accepted;
            }
            catch (DbUpdateConcurrencyException)
            {
                return AdminActionOutcome.Conflict;
            }
        }
    }

    private async Task<bool> TryClaimAsync(TelephonyDbContext db, ProvisioningTransaction transaction, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (transaction.Status is not (TransactionStatus.Pending or TransactionStatus.Running or TransactionStatus.Compensating))
        {
            return false;
        }

        // A live lease is respected even when it is ours: then another run in this instance drives it already.
        if (transaction.LeaseExpiresAt is { } expires && expires > now)
        {
            return false;
        }

        if (transaction.LeaseOwner is not null && transaction.LeaseOwner != Options.InstanceId)
        {
            LogTakingOver(logger, transaction.Id, transaction.LeaseOwner, transaction.Status);
        }

        if (transaction.Status == TransactionStatus.Pending)
        {
            transaction.Status = TransactionStatus.Running;
        }

        try
        {
            await SaveAsync(db, transaction, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // another instance claimed it first
        }
    }

    private async Task DriveAsync(TelephonyDbContext db, ProvisioningTransaction transaction, CancellationToken cancellationToken)
    {
        var steps = transaction.Steps.OrderBy(s => s.Index).ToList();
        if (transaction.Status == TransactionStatus.Running)
        {
            foreach (var step in steps.Where(s => s.Status != StepStatus.Completed))
            {
                transaction.CurrentStep = step.Index;
                step.Status = StepStatus.Running;
                step.StartedAt = timeProvider.GetUtcNow();
                step.Error = null;
                await SaveAsync(db, transaction, cancellationToken).ConfigureAwait(false);

                try
                {
                    step.ResultJson = await executor.ExecuteAsync(ContextFor(transaction, step), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogStepFailed(logger, e, transaction.Id, step.Name);
                    step.Status = StepStatus.Failed;
                    step.Error = Truncate(e.Message);
                    step.CompletedAt = timeProvider.GetUtcNow();
                    transaction.Status = TransactionStatus.Compensating;
                    transaction.Error = Truncate($"{step.Name}: {e.Message}");
                    await SaveAsync(db, transaction, cancellationToken).ConfigureAwait(false);
                    break;
                }

                step.Status = StepStatus.Completed;
                step.CompletedAt = timeProvider.GetUtcNow();
                await SaveAsync(db, transaction, cancellationToken).ConfigureAwait(false);
            }

            if (transaction.Status == TransactionStatus.Running)
            {
                transaction.Status = TransactionStatus.Completed;
                await FinishAsync(db, transaction, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await CompensateAsync(db, transaction, steps, cancellationToken).ConfigureAwait(false);
    }

    private async Task CompensateAsync(TelephonyDbContext db, ProvisioningTransaction transaction, List<TransactionStep> steps, CancellationToken cancellationToken)
    {
        // Any step that started may have had its effect (a timed-out purchase can still succeed at Twilio).
        var toUndo = steps.Where(s => s.Status is not (StepStatus.Pending or StepStatus.Compensated)).OrderByDescending(s => s.Index);
        foreach (var step in toUndo)
        {
            transaction.CurrentStep = step.Index;
            step.Status = StepStatus.Compensating;
            await SaveAsync(db, transaction, cancellationToken).ConfigureAwait(false);
            try
            {
                await executor.CompensateAsync(ContextFor(transaction, step), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogCompensationFailed(logger, e, transaction.Id, step.Name);
                step.Status = StepStatus.CompensationFailed;
                step.Error = Truncate(e.Message);
                transaction.Status = TransactionStatus.Failed;
                transaction.Error = Truncate($"compensating {step.Name}: {e.Message}" + (transaction.Error is null ? "" : $" (after {transaction.Error})"));
                await FinishAsync(db, transaction, cancellationToken).ConfigureAwait(false);
                return;
            }

            step.Status = StepStatus.Compensated;
            step.CompletedAt = timeProvider.GetUtcNow();
            await SaveAsync(db, transaction, cancellationToken).ConfigureAwait(false);
        }

        transaction.Status = TransactionStatus.Compensated;
        await FinishAsync(db, transaction, cancellationToken).ConfigureAwait(false);
    }

    private Task<int> FinishAsync(TelephonyDbContext db, ProvisioningTransaction transaction, CancellationToken cancellationToken)
    {
        transaction.UpdatedAt = timeProvider.GetUtcNow();
        transaction.LeaseOwner = null;
        transaction.LeaseExpiresAt = null;
        return db.SaveChangesAsync(cancellationToken);
    }

    // Every save renews the lease and checks the version: a stale save means another instance took over.
    private Task<int> SaveAsync(TelephonyDbContext db, ProvisioningTransaction transaction, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        transaction.LeaseOwner = Options.InstanceId;
        transaction.LeaseExpiresAt = now + Options.LeaseDuration;
        transaction.UpdatedAt = now;
        db.Entry(transaction).State = EntityState.Modified; // a step-only change must still bump the version
        return db.SaveChangesAsync(cancellationToken);
    }

    private static StepContext ContextFor(ProvisioningTransaction transaction, TransactionStep step) =>
        new(transaction.Id, transaction.Kind, step.Name, transaction.PayloadJson,
            transaction.Steps.ToDictionary(s => s.Name, s => s.ResultJson, StringComparer.Ordinal));

    private static string Truncate(string message) => message.Length <= MaxErrorLength ? message : message[..MaxErrorLength];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning transaction {TransactionId}: step {Step} failed; compensating")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, Guid transactionId, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Provisioning transaction {TransactionId}: compensating step {Step} failed; transaction failed")]
    private static partial void LogCompensationFailed(ILogger logger, Exception exception, Guid transactionId, string step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning transaction {TransactionId}: lease lost by {Instance}; another instance drives it")]
    private static partial void LogLeaseLost(ILogger logger, Guid transactionId, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning transaction {TransactionId}: taking over from {Owner} (lease expired, {Status})")]
    private static partial void LogTakingOver(ILogger logger, Guid transactionId, string owner, TransactionStatus status);
}
