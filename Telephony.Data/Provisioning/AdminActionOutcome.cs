namespace Telephony.Data.Provisioning;

public enum AdminActionOutcome
{
    Accepted,
    NotFound,

    /// <summary>The transaction is not <see cref="TransactionStatus.Failed"/>, or another instance changed it meanwhile.</summary>
    Conflict,
}
