namespace Telephony.Web.Alerts;

/// <summary>Decides which app instance evaluates the alert rules; the others stand by.</summary>
public interface IEvaluatorLease
{
    /// <summary>True when this instance holds (or just took) the lease and should evaluate now.</summary>
    Task<bool> TryAcquireAsync(CancellationToken cancellationToken);
}
