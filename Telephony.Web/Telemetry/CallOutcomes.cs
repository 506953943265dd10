using Telephony.Core.Calls;

namespace Telephony.Web.Telemetry;

/// <summary>The <c>outcome</c> tag of <c>hotline.calls</c>: where the call flow sent a call.</summary>
public static class CallOutcomes
{
    public const string Blocked = "blocked";
    public const string Answered = "answered";
    public const string Voicemail = "voicemail";

    /// <summary>The outcome <paramref name="result"/> decided, or null when the call is still on its way.</summary>
    public static string? Of(FlowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var transferEnded = false;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case VoicemailStarted:
                    return Voicemail;
                case CallRejected:
                    return Blocked;
                case TransferEnded:
                    transferEnded = true;
                    break;
                case CallEnded when transferEnded:
                    return Answered;
            }
        }

        return null;
    }
}
