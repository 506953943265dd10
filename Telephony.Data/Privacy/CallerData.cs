using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Voicemail;

namespace Telephony.Data.Privacy;

/// <summary>Everything the hotline holds about one phone number (a PIPEDA access request); audio is linked, not included.</summary>
public sealed record CallerDataExport(
    string PhoneNumber,
    DateTimeOffset ExportedAt,
    IReadOnlyList<CallerCall> Calls,
    IReadOnlyList<CallerVoicemail> Voicemails,
    IReadOnlyList<CallerSms> SmsMessages,
    IReadOnlyList<CallerConsent> ConsentLedger,
    bool? SmsOptedOut,
    IReadOnlyList<DateTimeOffset> RateLimitViolations);

public sealed record CallerCall(
    string CallSid, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, string To, CallStatus Status, CallRoute Route, string Language,
    ConsentState ConsentState, int? DurationSeconds, IReadOnlyList<CallerCallEvent> Events);

public sealed record CallerCallEvent(DateTimeOffset OccurredAt, string Kind, string Detail);

public sealed record CallerVoicemail(
    Guid Id, string CallSid, DateTimeOffset CreatedAt, int? DurationSeconds, string? Transcript, VoicemailState State, string? CallbackNote,
    bool AudioStored, DateTimeOffset? RecordingDeletedAt);

public sealed record CallerSms(string MessageSid, DateTimeOffset ReceivedAt, string Direction, string From, string To, string Body, string? Keyword);

public sealed record CallerConsent(
    DateTimeOffset RecordedAt, string CallSid, ConsentDecision Decision, string Method, string PromptVersion, string Language, string Jurisdiction);

/// <summary>What an erasure request removed; the consent ledger entries and the opt-out state are kept (see docs/privacy.md).</summary>
public sealed record CallerErasure(
    string PhoneNumber, int CallsAnonymised, int VoicemailsErased, int SmsMessagesErased, int RateLimitRowsDeleted, int ConsentEntriesKept,
    IReadOnlyList<string> ErasedRecordingSids);
