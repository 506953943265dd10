namespace Telephony.Web.Alerts;

/// <summary>
/// SQLite is the embedded, single-instance mode: always evaluate. Should two processes ever share one file,
/// <see cref="Telephony.Data.Alerts.AlertStore.ApplyAsync"/> runs in a write-locking transaction and the database allows
/// one open alert per rule, so they still cannot duplicate an alert.
/// </summary>
internal sealed class SqliteEvaluatorLease : IEvaluatorLease
{
    public Task<bool> TryAcquireAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
