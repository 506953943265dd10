namespace Telephony.Data.Metrics;

/// <summary>Folds classified calls into <see cref="CallSuccessMetrics"/> in one pass.</summary>
internal sealed class CallSuccessAccumulator(CallMetricsOptions options)
{
    private int offered;
    private int blocked;
    private int attempted;
    private int answered;
    private int withinThreshold;
    private int voicemails;
    private int abandoned;
    private int ivrAbandons;
    private int shortAbandons;
    private int shortTransferAbandons;
    private int inProgress;
    private int finished;
    private int finishedSucceeded;
    private int timedAnswers;
    private double secondsToAnswer;
    private int talkSamples;
    private double talkSeconds;

    public void Add(in CallFacts call, CallOutcome outcome)
    {
        if (outcome == CallOutcome.Blocked)
        {
            blocked++;
            return;
        }

        offered++;

        // Finished = ended (EndedAt is set by a terminal status): an answered call still talking is not finished yet.
        if (call.EndedAt is not null)
        {
            finished++;
            if (outcome is CallOutcome.Answered or CallOutcome.Voicemail)
            {
                finishedSucceeded++;
            }
        }

        if (call.TransferAttempted)
        {
            attempted++;
        }

        switch (outcome)
        {
            case CallOutcome.Answered:
                answered++;
                AddAnswer(call);
                break;
            case CallOutcome.Voicemail: voicemails++; break;
            case CallOutcome.Abandoned: abandoned++; break;
            case CallOutcome.IvrAbandoned: ivrAbandons++; break;
            case CallOutcome.InProgress: inProgress++; break;
            case CallOutcome.ShortAbandon:
                shortAbandons++;
                if (call.TransferAttempted)
                {
                    shortTransferAbandons++;
                }

                break;
        }
    }

    public CallSuccessMetrics Build(DateTimeOffset from, DateTimeOffset to) => new(
        from,
        to,
        offered,
        blocked,
        attempted,
        answered,
        withinThreshold,
        voicemails,
        abandoned,
        ivrAbandons,
        shortAbandons,
        inProgress,
        finished,
        AnswerRate: Ratio(answered, attempted),
        ServiceLevel: Ratio(withinThreshold, attempted - shortTransferAbandons),
        AverageSpeedOfAnswerSeconds: Ratio(secondsToAnswer, timedAnswers),
        AbandonmentRate: Ratio(abandoned, offered - shortAbandons),
        AverageTalkTimeSeconds: Ratio(talkSeconds, talkSamples),
        CallSuccessRate: Ratio(finishedSucceeded, finished));

    internal static double? Ratio(double numerator, int denominator) => denominator > 0 ? numerator / denominator : null;

    private void AddAnswer(in CallFacts call)
    {
        // An answer whose ring start or answer time is missing counts as answered but not as answered in time.
        if (call.SecondsToAnswer is { } wait)
        {
            timedAnswers++;
            secondsToAnswer += wait;
            if (wait <= options.ServiceLevelThreshold.TotalSeconds)
            {
                withinThreshold++;
            }
        }

        if (call.DialCallDuration is { } talk)
        {
            talkSamples++;
            talkSeconds += talk;
        }
    }
}
