using Telephony.Core.Consent;

namespace Telephony.Data.Metrics.Rollups;

/// <summary>What the windows read of one parent call: its outcome facts, language and consent state.</summary>
internal readonly record struct CallRow(CallFacts Facts, string Language, ConsentState ConsentState);
