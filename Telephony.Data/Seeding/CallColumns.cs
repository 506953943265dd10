
namespace Telephony.Data.Seeding;

/// <summary>The <c>Calls</c> columns in the order both bulk writers use (names as the migrations create them).</summary>
internal static class CallColumns
{
    public static readonly string[] Names =
    [
        "CallSid", "ParentCallSid", "AccountSid", "Direction", "From", "To", "Status", "Route", "Language", "ConsentState",
        "RateLimited", "CreatedAt", "AnsweredAt", "EndedAt", "UpdatedAt", "DurationSeconds", "DialCallStatus",
        "DialCallDuration", "TransferStartedAt", "TransferAnsweredAt", "ReachedVoicemail", "LastSequenceNumber", "Version",
    ];

    public static string QuotedList => string.Join(", ", Names.Select(n => $"\"{n}\""));
}
