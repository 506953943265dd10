using Telephony.Core.Consent;
using Telephony.Data.Consent;

namespace Telephony.Data.Metrics;

/// <summary>Receives what <see cref="ConsentMetricsQuery.AddLedgerAsync"/> reads: caller decisions and recorded transfers without consent.</summary>
internal interface IConsentLedgerSink
{
    /// <summary>A caller decision (not <see cref="ConsentDecision.NotRecorded"/>) on an offered call.</summary>
    void AddDecision(string callSid, DateTimeOffset createdAt, string language, ConsentState state, ConsentDecision decision);

    /// <summary>A recorded transfer on an offered call whose consent is not granted.</summary>
    void AddRecording(DateTimeOffset createdAt, string language);
}
