using Telephony.Data.Errors;

namespace Telephony.Data.Metrics;

public sealed record ErrorRow(long Id, WebhookErrorKind Kind, string Route, string? ErrorCode, string? Detail, string? CallSid, DateTimeOffset At);
