using Telephony.Core.Alerts;
using Telephony.Data.Alerts;
using Telephony.Data.Metrics;

namespace Telephony.Web.Telemetry;

/// <summary>What the database said at <see cref="At"/>: open alerts by severity and the voicemail backlog.</summary>
public sealed record OperationalSample(IReadOnlyDictionary<AlertSeverity, int> OpenAlerts, VoicemailBacklog Voicemail, DateTimeOffset At);
