using System.Diagnostics;
using System.Diagnostics.Metrics;
using Telephony.Core.Alerts;
using Telephony.Data.Alerts;
using Telephony.Web.Journal;

namespace Telephony.Web.Telemetry;

/// <summary>
/// The hotline's meter (<see cref="MeterName"/>): what the webhooks answered, where calls were sent, and the state an
/// operator watches (journal, change feed, open consoles, alerts, voicemail backlog). Tags are a few fixed words each:
/// never a phone number or a CallSid.
/// </summary>
public sealed class HotlineMetrics
{
    public const string MeterName = "Telephony.Hotline";

    private static readonly AlertSeverity[] Severities = Enum.GetValues<AlertSeverity>();

    private readonly Counter<long> webhooks;
    private readonly Counter<long> calls;
    private readonly Counter<long> rateLimited;
    private readonly Counter<long> smsRepliesSuppressed;
    private readonly Counter<long> changeNotices;
    private readonly UpDownCounter<long> consoleConnections;
    private readonly WebhookJournal journal;
    private readonly OperationalSnapshot snapshot;
    private readonly TimeProvider time;
    private long lastNoticeTimestamp;

    public HotlineMetrics(IMeterFactory meterFactory, WebhookJournal journal, OperationalSnapshot snapshot, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.journal = journal;
        this.snapshot = snapshot;
        this.time = time;
        lastNoticeTimestamp = time.GetTimestamp();

        var meter = meterFactory.Create(MeterName);
        webhooks = meter.CreateCounter<long>("hotline.webhooks", "{webhook}", "Twilio webhooks answered, by route and result.");
        calls = meter.CreateCounter<long>("hotline.calls", "{call}", "Calls by where the call flow sent them: blocked, answered or voicemail.");
        rateLimited = meter.CreateCounter<long>("hotline.callers.rate_limited", "{call}", "Calls turned away at the front door by the caller rate limit.");
        smsRepliesSuppressed = meter.CreateCounter<long>("hotline.sms.replies_suppressed", "{message}", "Inbound texts answered with an empty response because the sender had its automatic replies for the hour.");
        changeNotices = meter.CreateCounter<long>("hotline.change_feed.notices", "{notice}", "Change notices that reached this instance, by kind.");
        consoleConnections = meter.CreateUpDownCounter<long>("hotline.console.connections", "{connection}", "Open console circuits and operations hub connections on this instance.");

        meter.CreateObservableGauge("hotline.journal.pending", () => (long)journal.PendingCount, "{webhook}", "Journaled webhooks waiting to be replayed into the database.");
        meter.CreateObservableGauge("hotline.journal.oldest_age", JournalOldestAge, "s", "Age of the oldest journaled webhook not yet replayed; 0 when none waits.");
        meter.CreateObservableGauge("hotline.change_feed.since_last_notice", SinceLastNotice, "s", "Time since a change notice last reached this instance (notices carry no commit time).");
        meter.CreateObservableGauge("hotline.alerts.open", OpenAlerts, "{alert}", "Open (firing or acknowledged) alerts by severity, as last sampled from the database.");
        meter.CreateObservableGauge("hotline.voicemail.backlog", VoicemailBacklog, "{voicemail}", "Voicemails waiting (new or claimed), as last sampled from the database.");
        meter.CreateObservableGauge("hotline.voicemail.oldest_age", VoicemailOldestAge, "s", "Age of the oldest waiting voicemail, as last sampled; 0 when none waits.");
        meter.CreateObservableGauge("hotline.database_sample.age", SampleAge, "s", "Time since the alert and voicemail figures were last read from the database.");
    }

    /// <summary>A Twilio webhook was answered; <paramref name="callOutcome"/> is where the flow sent the call, if it decided that.</summary>
    public void WebhookAnswered(string route, string result, string? callOutcome)
    {
        webhooks.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("result", result));
        if (callOutcome is not null)
        {
            calls.Add(1, new KeyValuePair<string, object?>("outcome", callOutcome));
        }

        if (result == WebhookOutcome.RateLimited)
        {
            rateLimited.Add(1);
        }
    }

    /// <summary>A text went unanswered: its sender had had <c>Sms:RepliesPerHour</c> automatic replies this hour.</summary>
    public void SmsReplySuppressed() => smsRepliesSuppressed.Add(1);

    public void ChangeNoticeReceived(string kind)
    {
        Volatile.Write(ref lastNoticeTimestamp, time.GetTimestamp());
        changeNotices.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    public void ConsoleConnected(string kind) => consoleConnections.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void ConsoleDisconnected(string kind) => consoleConnections.Add(-1, new KeyValuePair<string, object?>("kind", kind));

    private double JournalOldestAge() =>
        journal.OldestPending is { } oldest ? Math.Max(0, (time.GetUtcNow() - oldest.ReceivedAt).TotalSeconds) : 0;

    private double SinceLastNotice() => time.GetElapsedTime(Volatile.Read(ref lastNoticeTimestamp)).TotalSeconds;

    private IEnumerable<Measurement<long>> OpenAlerts()
    {
        if (snapshot.Latest is not { } sample)
        {
            yield break;
        }

        foreach (var severity in Severities)
        {
            yield return new(sample.OpenAlerts.GetValueOrDefault(severity), new KeyValuePair<string, object?>("severity", severity.ToString().ToLowerInvariant()));
        }
    }

    private IEnumerable<Measurement<long>> VoicemailBacklog()
    {
        if (snapshot.Latest is not { } sample)
        {
            yield break;
        }

        yield return new(sample.Voicemail.New, new KeyValuePair<string, object?>("state", "new"));
        yield return new(sample.Voicemail.Claimed, new KeyValuePair<string, object?>("state", "claimed"));
    }

    private IEnumerable<Measurement<double>> VoicemailOldestAge()
    {
        if (snapshot.Latest is { } sample)
        {
            yield return new(sample.Voicemail.OldestCreatedAt is { } oldest ? Math.Max(0, (time.GetUtcNow() - oldest).TotalSeconds) : 0);
        }
    }

    private IEnumerable<Measurement<double>> SampleAge()
    {
        if (snapshot.Latest is { } sample)
        {
            yield return new((time.GetUtcNow() - sample.At).TotalSeconds);
        }
    }
}
