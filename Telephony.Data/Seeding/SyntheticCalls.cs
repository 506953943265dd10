using System.Globalization;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data.Calls;
using Telephony.Data.Consent;

namespace Telephony.Data.Seeding;

/// <summary>
/// Deterministic, plausible hotline traffic for load tests: the same seed gives the same calls. Roughly 3 % blocked,
/// 10 % gone in the menu, 12 % straight to voicemail, 75 % transferred (70 % answered, 15 % no answer then mostly
/// voicemail, 15 % hang up while it rings); calls whose end lies after <c>end</c> are still in progress. Of the calls
/// that reach the menu, 90 % keep their consent, 5 % withdraw it and 5 % end with it unknown; <see cref="Ledger"/> gives
/// the consent ledger entries the call flow writes for them (<see cref="SyntheticConsent"/>).
/// </summary>
internal sealed class SyntheticCalls(int seed, DateTimeOffset end, TimeSpan span)
{
    private const int CallerPool = 50_000;

    // Without a run id, seeding twice into one database would collide on CallSid.
    private readonly string runId = Guid.NewGuid().ToString("N")[..8];

    public IEnumerable<Call> Generate(int count)
    {
        var random = new Random(seed);
        var start = end - span;
        for (var i = 0; i < count; i++)
        {
            var createdAt = start.AddTicks((long)(random.NextDouble() * span.Ticks));
            var call = Build(random, i, createdAt);
            call.ConsentState = SyntheticConsent.StateAt(call, end);
            yield return call;
        }
    }

    /// <summary>The consent ledger of the calls <see cref="Generate"/> gives for <paramref name="count"/> (generated again, not kept).</summary>
    public IEnumerable<ConsentRecord> Ledger(int count) => Generate(count).SelectMany(SyntheticConsent.Records);

    private Call Build(Random random, int index, DateTimeOffset createdAt)
    {
        var call = new Call
        {
            CallSid = string.Create(CultureInfo.InvariantCulture, $"CA{runId}{index:x24}"),
            AccountSid = "AC00000000000000000000000000000000",
            From = string.Create(CultureInfo.InvariantCulture, $"+1555{random.Next(CallerPool):D7}"),
            To = "+15550009999",
            Language = random.NextDouble() < 0.8 ? "en" : "fr",
            CreatedAt = createdAt,
            AnsweredAt = createdAt,
            Version = NextGuid(random),
        };

        var roll = random.NextDouble();
        if (roll < 0.03)
        {
            call.RateLimited = true;
            call.AnsweredAt = null;
            return End(call, 1);
        }

        if (roll < 0.05)
        {
            return End(call, random.Next(1, 5));
        }

        call.ConsentState = random.NextDouble() switch { < 0.9 => ConsentState.Granted, < 0.95 => ConsentState.Withdrawn, _ => ConsentState.Unknown };
        if (roll < 0.13)
        {
            return End(call, random.Next(6, 40));
        }

        if (roll < 0.25)
        {
            call.Route = CallRoute.Voicemail;
            call.ReachedVoicemail = true;
            return End(call, random.Next(40, 150));
        }

        call.Route = random.NextDouble() < 0.5 ? CallRoute.Sales : CallRoute.Support;
        var transferAt = random.Next(25, 45);
        call.TransferStartedAt = createdAt.AddSeconds(transferAt);
        var transfer = random.NextDouble();
        if (transfer < 0.70)
        {
            var ring = random.Next(3, 20);
            var talk = random.Next(30, 600);
            call.TransferAnsweredAt = call.TransferStartedAt.Value.AddSeconds(ring);
            call.DialCallStatus = "completed";
            call.DialCallDuration = talk;
            return End(call, transferAt + ring + talk);
        }

        if (transfer < 0.85)
        {
            call.DialCallStatus = "no-answer";
            call.DialCallDuration = 0;
            call.ReachedVoicemail = random.NextDouble() < 0.8;
            return End(call, transferAt + 20 + random.Next(5, 90));
        }

        return End(call, transferAt + random.Next(2, 19));
    }

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private Call End(Call call, int seconds)
    {
        var endedAt = call.CreatedAt.AddSeconds(seconds);
        if (endedAt > end)
        {
            call.Status = CallStatus.InProgress;
            call.UpdatedAt = call.CreatedAt;
            return call;
        }

        call.Status = CallStatus.Completed;
        call.EndedAt = endedAt;
        call.UpdatedAt = endedAt;
        call.DurationSeconds = seconds;
        return call;
    }
}
