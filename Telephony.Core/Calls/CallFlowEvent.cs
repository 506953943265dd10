using Telephony.Core.Consent;

namespace Telephony.Core.Calls;

// A closed set of small records describing what a step decided. They live in one file because
// they are read together: the web layer switches over them to persist the call's history.

/// <summary>Something the call flow decided that the web layer should record.</summary>
public abstract record CallFlowEvent;

/// <summary>The recording disclosure was played, in this language and prompt version.</summary>
public sealed record ConsentDisclosed(string PromptVersion, CallLanguage Language) : CallFlowEvent;

/// <summary>The caller pressed 8: nothing further on this call is recorded.</summary>
public sealed record ConsentWithdrawn(string PromptVersion, CallLanguage Language) : CallFlowEvent;

/// <summary>The caller switched language.</summary>
public sealed record LanguageChanged(CallLanguage Language) : CallFlowEvent;

/// <summary>The menu was offered (again), as attempt 1 or 2.</summary>
public sealed record MenuOffered(int Attempt) : CallFlowEvent;

/// <summary>No key or an invalid key; the menu is offered once more.</summary>
public sealed record MenuRetry(int Attempt, string? Digits) : CallFlowEvent;

/// <summary>The caller chose (or was sent to) a route.</summary>
public sealed record RouteChosen(CallRoute Route) : CallFlowEvent;

/// <summary>A transfer started; <paramref name="Recorded"/> says whether the Dial records.</summary>
public sealed record TransferStarted(CallRoute Route, string Number, bool Recorded, ConsentState Consent) : CallFlowEvent;

/// <summary>The transfer ended with this status (null when Twilio sent none we understand).</summary>
public sealed record TransferEnded(Twilio.DialCallStatus? Status) : CallFlowEvent;

/// <summary>The voicemail prompt and Record were sent.</summary>
public sealed record VoicemailStarted : CallFlowEvent;

/// <summary>The caller finished a voicemail; the recording callback creates it.</summary>
public sealed record VoicemailFinished : CallFlowEvent;

/// <summary>Twilio used the fallback URL because our primary handler failed.</summary>
public sealed record FallbackUsed(int? ErrorCode, string? ErrorUrl) : CallFlowEvent;

/// <summary>The caller was turned away by the rate limit.</summary>
public sealed record CallRejected : CallFlowEvent;

/// <summary>We said goodbye and hung up.</summary>
public sealed record CallEnded : CallFlowEvent;
