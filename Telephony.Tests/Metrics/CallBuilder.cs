using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;

namespace Telephony.Tests.Metrics;

/// <summary>Builds an inbound parent call the way the call flow leaves it; offsets are seconds after the call starts.</summary>
public sealed class CallBuilder
{
    private readonly Call call;

    private CallBuilder(DateTimeOffset createdAt)
    {
        call = new Call
        {
            CallSid = NewSid(),
            AccountSid = "AC1",
            From = "+15550001111",
            To = "+15550009999",
            Status = CallStatus.Ringing,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
    }

    public static CallBuilder At(DateTimeOffset createdAt) => new(createdAt);

    public static string NewSid() => "CA" + Guid.NewGuid().ToString("N");

    public CallBuilder From(string number)
    {
        call.From = number;
        return this;
    }

    public CallBuilder Language(string language)
    {
        call.Language = language;
        return this;
    }

    public CallBuilder Consent(ConsentState state)
    {
        call.ConsentState = state;
        return this;
    }

    /// <summary>Rejected by the rate limiter at the front door.</summary>
    public CallBuilder Blocked()
    {
        call.RateLimited = true;
        return Ended(1);
    }

    public CallBuilder InProgress(DateTimeOffset? updatedAt = null)
    {
        call.Status = CallStatus.InProgress;
        call.AnsweredAt = call.CreatedAt;
        call.UpdatedAt = updatedAt ?? call.CreatedAt;
        return this;
    }

    public CallBuilder Status(CallStatus status, DateTimeOffset updatedAt)
    {
        call.Status = status;
        call.UpdatedAt = updatedAt;
        return this;
    }

    public CallBuilder Transfer(int startSeconds, CallRoute route = CallRoute.Sales)
    {
        call.Route = route;
        call.TransferStartedAt = call.CreatedAt.AddSeconds(startSeconds);
        return InProgress();
    }

    /// <summary>A person answered <paramref name="ringSeconds"/> after the transfer started and talked for <paramref name="talkSeconds"/>.</summary>
    public CallBuilder Answered(int ringSeconds, int talkSeconds)
    {
        var start = call.TransferStartedAt ?? throw new InvalidOperationException("Call Transfer() first.");
        call.TransferAnsweredAt = start.AddSeconds(ringSeconds);
        call.DialCallStatus = "completed";
        call.DialCallDuration = talkSeconds;
        return Ended((int)(call.TransferAnsweredAt.Value - call.CreatedAt).TotalSeconds + talkSeconds);
    }

    public CallBuilder DialResult(string dialCallStatus)
    {
        call.DialCallStatus = dialCallStatus;
        call.DialCallDuration = 0;
        return this;
    }

    public CallBuilder Voicemail(int endSeconds = 90)
    {
        call.ReachedVoicemail = true;
        if (call.Route == CallRoute.None)
        {
            call.Route = CallRoute.Voicemail;
        }

        return Ended(endSeconds);
    }

    /// <summary>The caller hung up <paramref name="seconds"/> after the call started.</summary>
    public CallBuilder Ended(int seconds)
    {
        call.Status = CallStatus.Completed;
        call.AnsweredAt ??= call.CreatedAt;
        call.EndedAt = call.CreatedAt.AddSeconds(seconds);
        call.UpdatedAt = call.EndedAt.Value;
        call.DurationSeconds = seconds;
        return this;
    }

    public Call Build() => call;

    /// <summary>The dialled leg of <paramref name="parent"/>: must never be counted as a call.</summary>
    public static Call LegOf(Call parent) => new()
    {
        CallSid = NewSid(),
        ParentCallSid = parent.CallSid,
        AccountSid = "AC1",
        Direction = "outbound-dial",
        From = parent.To,
        To = "+15550002222",
        Status = CallStatus.Completed,
        CreatedAt = parent.CreatedAt.AddSeconds(30),
        UpdatedAt = parent.CreatedAt.AddSeconds(30),
        EndedAt = parent.CreatedAt.AddSeconds(60),
    };
}
