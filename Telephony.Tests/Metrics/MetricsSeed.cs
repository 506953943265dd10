using Microsoft.EntityFrameworkCore;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Errors;
using Telephony.Data.Metrics.Rollups;
using Telephony.Data.Provisioning;
using Telephony.Data.RateLimiting;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Metrics;

/// <summary>Empties the monitored tables and inserts rows; tests of one class share a database and run one at a time.</summary>
public static class MetricsSeed
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task ResetAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        await db.AlertDeliveries.ExecuteDeleteAsync(Ct);
        await db.Alerts.ExecuteDeleteAsync(Ct);
        await db.CallEvents.ExecuteDeleteAsync(Ct);
        await db.Calls.ExecuteDeleteAsync(Ct);
        await db.ConsentRecords.ExecuteDeleteAsync(Ct);
        await db.Voicemails.ExecuteDeleteAsync(Ct);
        await db.WebhookErrors.ExecuteDeleteAsync(Ct);
        await db.RateLimitViolations.ExecuteDeleteAsync(Ct);
        await db.TransactionSteps.ExecuteDeleteAsync(Ct);
        await db.ProvisioningTransactions.ExecuteDeleteAsync(Ct);
        await db.PhoneNumbers.ExecuteDeleteAsync(Ct);
        await db.Set<CallHourRollup>().ExecuteDeleteAsync(Ct);
        await db.Set<RollupState>().ExecuteDeleteAsync(Ct);
    }

    public static async Task AddAsync(TestDatabase database, params object[] entities)
    {
        await using var db = database.CreateDbContext();
        db.AddRange(entities);
        await db.SaveChangesAsync(Ct);
    }

    public static VoicemailMessage Voicemail(string callSid, DateTimeOffset createdAt, VoicemailState state = VoicemailState.New) => new()
    {
        Id = Guid.NewGuid(),
        CallSid = callSid,
        RecordingSid = "RE" + Guid.NewGuid().ToString("N"),
        RecordingUrl = "https://api.twilio.com/recording",
        State = state,
        CreatedAt = createdAt,
    };

    /// <summary>A recorded transfer on the call's timeline (Twilio's DialVerb recording callback).</summary>
    public static CallEvent CallRecording(string callSid, DateTimeOffset at) => new()
    {
        CallSid = callSid,
        Kind = CallEventKinds.CallRecording,
        Detail = "RE" + Guid.NewGuid().ToString("N"),
        OccurredAt = at,
    };

    public static ConsentRecord Consent(string callSid, ConsentDecision decision, DateTimeOffset at, string language = "en") => new()
    {
        CallSid = callSid,
        CallerNumber = "+15550001111",
        Decision = decision,
        PromptVersion = "v1",
        Language = language,
        Jurisdiction = "CA-QC",
        Method = decision switch
        {
            ConsentDecision.Granted => "disclosure-continued",
            ConsentDecision.Withdrawn => "dtmf-8",
            _ => "system-failsafe",
        },
        RecordedAt = at,
    };

    public static WebhookError Error(DateTimeOffset at, string route = "/twilio/voice", WebhookErrorKind kind = WebhookErrorKind.TwilioError) =>
        new() { Kind = kind, Route = route, ErrorCode = kind == WebhookErrorKind.TwilioError ? "11200" : null, At = at };

    public static RateLimitViolation Violation(string caller, DateTimeOffset at) => new() { CallerNumber = caller, At = at };

    public static ProvisioningTransaction Transaction(TransactionStatus status, DateTimeOffset updatedAt, string? error = null) => new()
    {
        Id = Guid.NewGuid(),
        Kind = "provision-number",
        Status = status,
        Error = error,
        CreatedAt = updatedAt.AddMinutes(-5),
        UpdatedAt = updatedAt,
    };

    public static PhoneNumber Number(string status, string configurationStatus) => new()
    {
        Sid = "PN" + Guid.NewGuid().ToString("N"),
        E164 = "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Status = status,
        ConfigurationStatus = configurationStatus,
    };
}
