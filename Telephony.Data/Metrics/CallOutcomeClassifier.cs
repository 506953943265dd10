namespace Telephony.Data.Metrics;

/// <summary>Applies the METRICS.md definitions to one call.</summary>
internal static class CallOutcomeClassifier
{
    public static CallOutcome Classify(in CallFacts call, CallMetricsOptions options)
    {
        if (call.RateLimited)
        {
            return CallOutcome.Blocked;
        }

        // A person or a voicemail is success even if the caller hung up a second later.
        if (call.TransferAnswered)
        {
            return CallOutcome.Answered;
        }

        if (call.ReachedVoicemail)
        {
            return CallOutcome.Voicemail;
        }

        if (call.EndedAt is not { } ended)
        {
            return CallOutcome.InProgress;
        }

        // The wait that counts is the one the caller was in when they left: the ring once transferred, else the menu.
        var waitStart = call.TransferStartedAt ?? call.CreatedAt;
        if (ended - waitStart < options.ShortAbandon)
        {
            return CallOutcome.ShortAbandon;
        }

        return call.TransferAttempted ? CallOutcome.Abandoned : CallOutcome.IvrAbandoned;
    }
}
