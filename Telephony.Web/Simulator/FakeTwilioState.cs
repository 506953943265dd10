using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace Telephony.Web.Simulator;

/// <summary>
/// The fake Twilio's accounts and numbers, in memory, plus the fault plan tests set. One per app (a singleton);
/// all members are thread-safe.
/// </summary>
public sealed class FakeTwilioState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeAccount> accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeNumber> numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, string Body)> idempotentResponses = new(StringComparer.Ordinal);
    private readonly List<FakeTwilioFault> faults = [];
    private readonly Dictionary<string, FakeCall> playedCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeRecording> recordings = new(StringComparer.Ordinal);
    private int nextLine = 1000;
    private readonly HashSet<string> droppedRecordings = new(StringComparer.Ordinal);
    private int recordingCallbacksToDrop;

    public IReadOnlyList<FakeAccount> Accounts
    {
        get
        {
            lock (gate)
            {
                return [.. accounts.Values];
            }
        }
    }

    public IReadOnlyList<FakeNumber> Numbers
    {
        get
        {
            lock (gate)
            {
                return [.. numbers.Values];
            }
        }
    }

    /// <summary>The line number (last four digits) the next available number starts from; instances sharing a database use distinct ranges.</summary>
    public int NextLine
    {
        get => Volatile.Read(ref nextLine);
        set => Volatile.Write(ref nextLine, value);
    }

    /// <summary>How long a <see cref="FakeTwilioFaultKind.Timeout"/> fault hangs before answering 504.</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(5);

    public void Inject(FakeTwilioFault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>The calls the simulator played through this fake Twilio (what <c>Calls.json</c> lists).</summary>
    public IReadOnlyList<FakeCall> PlayedCalls
    {
        get
        {
            lock (gate)
            {
                return [.. playedCalls.Values];
            }
        }
    }

    /// <summary>The recordings made in those calls (what <c>Recordings.json</c> lists).</summary>
    public IReadOnlyList<FakeRecording> Recordings
    {
        get
        {
            lock (gate)
            {
                return [.. recordings.Values];
            }
        }
    }

    /// <summary>
    /// The callbacks (recording status and transcription) of the next <paramref name="count"/> voicemail recordings are
    /// lost on the way, as when the app cannot be reached: Twilio does not retry them.
    /// </summary>
    public void DropRecordingCallbacks(int count)
    {
        lock (gate)
        {
            recordingCallbacksToDrop = count;
        }
    }

    /// <summary>Whether a callback about this voicemail recording is lost (the first one decides for all of them).</summary>
    public bool DropsCallbackFor(string recordingSid, bool firstCallback)
    {
        lock (gate)
        {
            if (droppedRecordings.Contains(recordingSid))
            {
                return true;
            }

            if (!firstCallback || recordingCallbacksToDrop <= 0)
            {
                return false;
            }

            recordingCallbacksToDrop--;
            droppedRecordings.Add(recordingSid);
            return true;
        }
    }

    /// <summary>Creates or moves on a played call (the latest status wins; the first sighting is its start).</summary>
    public void RecordCall(FakeCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (gate)
        {
            playedCalls[call.Sid] = playedCalls.TryGetValue(call.Sid, out var known)
                ? known with
                {
                    Status = call.Status,
                    EndTime = call.EndTime ?? known.EndTime,
                    Duration = call.Duration ?? known.Duration,
                }
                : call;
        }
    }

    public void RecordRecording(FakeRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        lock (gate)
        {
            recordings.TryAdd(recording.Sid, recording);
        }
    }

    public int CallCount(string operation) => calls.TryGetValue(operation, out var n) ? n : 0;

    /// <summary>Counts a call of <paramref name="operation"/> and returns the fault planned for it, if any.</summary>
    public FakeTwilioFault? NextCall(string operation)
    {
        var call = calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        lock (gate)
        {
            return faults.FirstOrDefault(f => f.Operation == operation && f.Covers(call));
        }
    }

    public bool TryGetIdempotentResponse(string token, out (int Status, string Body) response) =>
        idempotentResponses.TryGetValue(token, out response);

    public void RememberIdempotentResponse(string token, int status, string body) => idempotentResponses.TryAdd(token, (status, body));

    public FakeAccount CreateAccount(string friendlyName, string ownerSid, DateTimeOffset now)
    {
        var account = new FakeAccount(NewSid("AC"), friendlyName, "active", ownerSid, now);
        lock (gate)
        {
            accounts[account.Sid] = account;
        }

        return account;
    }

    public FakeAccount? FindAccount(string sid)
    {
        lock (gate)
        {
            return accounts.GetValueOrDefault(sid);
        }
    }

    public FakeAccount? UpdateAccount(string sid, string? status, string? friendlyName)
    {
        lock (gate)
        {
            if (!accounts.TryGetValue(sid, out var account))
            {
                return null;
            }

            account = account with { Status = status ?? account.Status, FriendlyName = friendlyName ?? account.FriendlyName };
            accounts[sid] = account;
            return account;
        }
    }

    /// <summary>Numbers nobody owns yet in the area code (the US/Canada shape: +1 NPA 555 XXXX).</summary>
    public IReadOnlyList<string> Available(string areaCode, int count)
    {
        lock (gate)
        {
            var taken = numbers.Values.Select(n => n.PhoneNumber).ToHashSet(StringComparer.Ordinal);
            var result = new List<string>();
            for (var line = nextLine; result.Count < count && line < 10_000; line++)
            {
                var candidate = string.Create(CultureInfo.InvariantCulture, $"+1{areaCode}555{line:D4}");
                if (!taken.Contains(candidate))
                {
                    result.Add(candidate);
                }
            }

            return result;
        }
    }

    /// <summary>Buys <paramref name="number"/> for the account; null when someone owns it already.</summary>
    public FakeNumber? Buy(FakeNumber number)
    {
        lock (gate)
        {
            if (numbers.Values.Any(n => n.PhoneNumber == number.PhoneNumber))
            {
                return null;
            }

            number = number with { Sid = NewSid("PN") };
            numbers[number.Sid] = number;
            nextLine++;
            return number;
        }
    }

    public FakeNumber? FindNumber(string accountSid, string sid)
    {
        lock (gate)
        {
            return numbers.TryGetValue(sid, out var n) && n.AccountSid == accountSid ? n : null;
        }
    }

    public FakeNumber? UpdateNumber(string accountSid, string sid, Func<FakeNumber, FakeNumber> update)
    {
        lock (gate)
        {
            if (!numbers.TryGetValue(sid, out var n) || n.AccountSid != accountSid)
            {
                return null;
            }

            n = update(n);
            numbers[sid] = n;
            return n;
        }
    }

    public bool DeleteNumber(string accountSid, string sid)
    {
        lock (gate)
        {
            return numbers.TryGetValue(sid, out var n) && n.AccountSid == accountSid && numbers.Remove(sid);
        }
    }

    private static string NewSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>A (sub)account in the fake Twilio.</summary>
public sealed record FakeAccount(string Sid, string FriendlyName, string Status, string OwnerAccountSid, DateTimeOffset DateCreated);

/// <summary>An incoming phone number in the fake Twilio, with its webhook configuration.</summary>
public sealed record FakeNumber(
    string Sid,
    string AccountSid,
    string PhoneNumber,
    string FriendlyName,
    string? VoiceUrl,
    string? VoiceFallbackUrl,
    string? StatusCallback,
    string? SmsUrl,
    DateTimeOffset DateCreated);

/// <summary>A call the simulator played, as Twilio's Calls list shows it.</summary>
public sealed record FakeCall(
    string Sid,
    string AccountSid,
    string? ParentCallSid,
    string From,
    string To,
    string Direction,
    string Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    int? Duration);

/// <summary>A recording made in a played call, as Twilio's Recordings list shows it.</summary>
public sealed record FakeRecording(
    string Sid,
    string AccountSid,
    string CallSid,
    string Source,
    int Duration,
    DateTimeOffset DateCreated,
    string MediaUrl);
