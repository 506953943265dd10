namespace Telephony.Web.Journal;

/// <summary>What a requeue of set-aside webhooks did.</summary>
/// <param name="Requeued">Records put back in the journal for replay.</param>
/// <param name="OtherDatabase">Records written against another database: they stay set aside, never replayed here.</param>
public sealed record QuarantineRequeue(int Requeued, int OtherDatabase);
