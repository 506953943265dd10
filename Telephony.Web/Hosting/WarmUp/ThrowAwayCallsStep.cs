using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telephony.Core.Simulator;
using Telephony.Core.Twilio;
using Telephony.Data;
using Telephony.Data.Infrastructure;
using Telephony.Web.Journal;
using Telephony.Web.Twilio;

namespace Telephony.Web.Hosting.WarmUp;

/// <summary>
/// Plays throw-away calls (the call simulator, signed as Twilio signs) and SMS through the app's own pipeline, round
/// after round, until the JIT has little left to compile: the front door, the menu, the transfer and its status
/// callbacks, dial-complete, the voicemail prompt, the recording and transcription callbacks, the SMS reply. Then it
/// deletes every row they left. Each round sends <see cref="WarmUpOptions.CallsPerRound"/> calls at once, so that the
/// group commits write batches of several, as they do under load.
/// </summary>
internal sealed partial class ThrowAwayCallsStep(
    WarmUpPipeline pipeline,
    IHttpContextFactory contexts,
    IServiceScopeFactory scopes,
    TwilioCredentials credentials,
    IDbContextFactory<TelephonyDbContext> database,
    WebhookJournal journal,
    IOptions<WarmUpOptions> options,
    TimeProvider time,
    ILogger<ThrowAwayCallsStep> logger) : IWarmUpStep
{
    /// <summary>Rounds before the JIT is asked whether it is done: tiered compilation promotes a method after 30 calls.</summary>
    private const int MinRounds = 6;

    private readonly ConcurrentDictionary<string, byte> callSids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> callers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> messageSids = new(StringComparer.Ordinal);
    private int nextCaller;

    public string Name => "webhooks";

    public async Task RunAsync(WarmUpRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var requests = new InProcessRequests(await pipeline.Built.WaitAsync(cancellationToken).ConfigureAwait(false), contexts, scopes);
        var signer = new TwilioSignatureValidator(credentials.AuthToken);
        var transport = new Transport(requests, signer, credentials.PublicBaseUrl.TrimEnd('/'), credentials.AccountSid, this);
        var simulator = new CallSimulator(credentials.AuthToken, credentials.PublicBaseUrl, transport,
            new SimulatorOptions { AccountSid = credentials.AccountSid, AudioBaseUrl = credentials.PublicBaseUrl.TrimEnd('/') + "/warm-up" }, time);
        try
        {
            var (rounds, note) = await JitRounds.RunAsync(
                ct => RoundAsync(simulator, transport, options.Value.CallsPerRound, ct),
                MinRounds,
                run.Deadline,
                time,
                (round, methods) => LogRound(logger, round, methods),
                cancellationToken).ConfigureAwait(false);
            run.Rounds += rounds;
            if (note is not null)
            {
                run.Notes.Add(note);
            }
        }
        finally
        {
            await CleanUpAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One round of calls and SMS at once; the first answer that is not 200 TwiML, or null.</summary>
    private async Task<string?> RoundAsync(CallSimulator simulator, Transport transport, int calls, CancellationToken cancellationToken)
    {
        var work = Enumerable.Range(0, calls).Select(async i =>
        {
            var from = NextCaller();
            var script = (i % 4) switch
            {
                0 => new CallerScript(from, Hotline) { Keys = ["1"], AgentAnswers = true },
                1 => new CallerScript(from, Hotline) { Keys = ["2"], AgentAnswers = false },
                2 => new CallerScript(from, Hotline) { Keys = ["8", "1"], AgentAnswers = true },
                _ => new CallerScript(from, Hotline) { Keys = [] },
            };
            var call = await simulator.PlayAsync(script, cancellationToken).ConfigureAwait(false);
            var bad = call.Requests.FirstOrDefault(r => r.StatusCode != StatusCodes.Status200OK);
            // Fewer SMS than calls: each is logged (masked), as a real one is.
            var sms = i % 4 == 0 ? await transport.SmsAsync(NextCaller(), cancellationToken).ConfigureAwait(false) : null;
            return bad is not null ? $"HTTP {bad.StatusCode} on {bad.Path}" : sms;
        });
        return (await Task.WhenAll(work).ConfigureAwait(false)).FirstOrDefault(f => f is not null);
    }

    /// <summary>A distinct caller per call, from the fictional range (NXX-555-0100 to 0199), so no rate limit is reached.</summary>
    private string NextCaller()
    {
        var n = Interlocked.Increment(ref nextCaller);
        var number = string.Create(CultureInfo.InvariantCulture, $"+1{200 + (n / 100 % 700):D3}55501{n % 100:D2}");
        callers.TryAdd(number, 0);
        return number;
    }

    private const string Hotline = "+15005550001";

    /// <summary>
    /// Waits for the journal to drain (a webhook the database did not take in time is replayed from it), then deletes
    /// the calls' and messages' rows.
    /// </summary>
    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (journal.PendingCount > 0 && time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
        }

        var deleted = await ThrowAwayRows.DeleteAsync(database, callSids.Keys.ToList(), callers.Keys.ToList(), messageSids.Keys.ToList(), cancellationToken).ConfigureAwait(false);
        LogCleanedUp(logger, callSids.Count, deleted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up round {Round}: {Methods} methods compiled since the last round")]
    private static partial void LogRound(ILogger logger, int round, long methods);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up: deleted {Rows} rows of {Calls} throw-away calls and their SMS")]
    private static partial void LogCleanedUp(ILogger logger, int calls, int rows);

    /// <summary>Delivers the simulator's requests in process and notes every call, caller and message it created.</summary>
    private sealed class Transport(InProcessRequests requests, TwilioSignatureValidator signer, string publicBaseUrl, string accountSid, ThrowAwayCallsStep step) : ITwilioTransport
    {
        public async Task<TwilioHttpResponse> PostAsync(string absoluteUrl, IReadOnlyList<KeyValuePair<string, string>> form, string signature, CancellationToken ct)
        {
            foreach (var (key, value) in form)
            {
                if (key is "CallSid" or "ParentCallSid" or "DialCallSid")
                {
                    step.callSids.TryAdd(value, 0);
                }
            }

            // A recording with an address would be fetched from Twilio by the voicemail fetcher: the throw-away
            // recordings have none (and are signed again without it).
            if (form.Any(p => p.Key == "RecordingUrl"))
            {
                form = form.Where(p => p.Key != "RecordingUrl").ToList();
                signature = signer.ComputeSignature(absoluteUrl, form);
            }

            var (status, body) = await requests.PostFormAsync(absoluteUrl[publicBaseUrl.Length..], Encode(form), signature, ct).ConfigureAwait(false);
            return new TwilioHttpResponse(status, body);
        }

        /// <summary>An SMS asking for HELP; null when it was answered with 200 TwiML.</summary>
        public async Task<string?> SmsAsync(string from, CancellationToken ct)
        {
            var messageSid = CallSimulator.NewSid("SM");
            step.messageSids.TryAdd(messageSid, 0);
            var url = publicBaseUrl + TwilioRoutes.Sms;
            List<KeyValuePair<string, string>> form =
            [
                new("AccountSid", accountSid),
                new("ApiVersion", "2010-04-01"),
                new("Body", "HELP"),
                new("From", from),
                new("MessageSid", messageSid),
                new("NumMedia", "0"),
                new("SmsSid", messageSid),
                new("To", Hotline),
            ];
            var (status, _) = await requests.PostFormAsync(TwilioRoutes.Sms, Encode(form), signer.ComputeSignature(url, form), ct).ConfigureAwait(false);
            return status == StatusCodes.Status200OK ? null : $"HTTP {status} on {TwilioRoutes.Sms}";
        }

        private static string Encode(IEnumerable<KeyValuePair<string, string>> form) =>
            string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
