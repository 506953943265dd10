namespace Telephony.Data.Metrics;

/// <summary>
/// The additive counts behind <see cref="CallSuccessMetrics"/>: every rate and average is a ratio of two of them, so
/// the counts of disjoint sets of calls (an hour's rollup, the calls read one by one) add up to the counts of their
/// union. Times are summed in ticks, whole numbers, so the sum is the same in any order.
/// </summary>
public class CallCounts
{
    /// <summary>Parent calls not rejected by the rate limiter.</summary>
    public int Offered { get; set; }

    public int Blocked { get; set; }

    public int TransfersAttempted { get; set; }

    public int TransfersAnswered { get; set; }

    public int AnsweredWithinThreshold { get; set; }

    public int Voicemails { get; set; }

    public int Abandoned { get; set; }

    public int IvrAbandons { get; set; }

    public int ShortAbandons { get; set; }

    /// <summary>Short abandons after a transfer started: left out of the service level's denominator.</summary>
    public int ShortTransferAbandons { get; set; }

    public int InProgress { get; set; }

    public int Finished { get; set; }

    /// <summary>Finished calls that reached a person or voicemail.</summary>
    public int FinishedSucceeded { get; set; }

    /// <summary>Answered calls with both the ring start and the answer time.</summary>
    public int TimedAnswers { get; set; }

    public long TicksToAnswer { get; set; }

    /// <summary>Answered calls with a <c>DialCallDuration</c>.</summary>
    public int TalkSamples { get; set; }

    public long TalkSeconds { get; set; }

    /// <summary>Adds another set's counts (a disjoint set of calls).</summary>
    public void Add(CallCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Offered += other.Offered;
        Blocked += other.Blocked;
        TransfersAttempted += other.TransfersAttempted;
        TransfersAnswered += other.TransfersAnswered;
        AnsweredWithinThreshold += other.AnsweredWithinThreshold;
        Voicemails += other.Voicemails;
        Abandoned += other.Abandoned;
        IvrAbandons += other.IvrAbandons;
        ShortAbandons += other.ShortAbandons;
        ShortTransferAbandons += other.ShortTransferAbandons;
        InProgress += other.InProgress;
        Finished += other.Finished;
        FinishedSucceeded += other.FinishedSucceeded;
        TimedAnswers += other.TimedAnswers;
        TicksToAnswer += other.TicksToAnswer;
        TalkSamples += other.TalkSamples;
        TalkSeconds += other.TalkSeconds;
    }

    /// <summary>Counts one classified call (METRICS.md).</summary>
    internal void Add(in CallFacts call, CallOutcome outcome, CallMetricsOptions options)
    {
        if (outcome == CallOutcome.Blocked)
        {
            Blocked++;
            return;
        }

        Offered++;

        // Finished = ended (EndedAt is set by a terminal status): an answered call still talking is not finished yet.
        if (call.EndedAt is not null)
        {
            Finished++;
            if (outcome is CallOutcome.Answered or CallOutcome.Voicemail)
            {
                FinishedSucceeded++;
            }
        }

        if (call.TransferAttempted)
        {
            TransfersAttempted++;
        }

        switch (outcome)
        {
            case CallOutcome.Answered:
                TransfersAnswered++;
                AddAnswer(call, options);
                break;
            case CallOutcome.Voicemail: Voicemails++; break;
            case CallOutcome.Abandoned: Abandoned++; break;
            case CallOutcome.IvrAbandoned: IvrAbandons++; break;
            case CallOutcome.InProgress: InProgress++; break;
            case CallOutcome.ShortAbandon:
                ShortAbandons++;
                if (call.TransferAttempted)
                {
                    ShortTransferAbandons++;
                }

                break;
        }
    }

    private void AddAnswer(in CallFacts call, CallMetricsOptions options)
    {
        // An answer whose ring start or answer time is missing counts as answered but not as answered in time.
        if (call.WaitToAnswer is { } wait)
        {
            TimedAnswers++;
            TicksToAnswer += wait.Ticks;
            if (wait <= options.ServiceLevelThreshold)
            {
                AnsweredWithinThreshold++;
            }
        }

        if (call.DialCallDuration is { } talk)
        {
            TalkSamples++;
            TalkSeconds += talk;
        }
    }
}
