using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;

namespace Telephony.Tests.Hotline;

/// <summary>
/// Withheld caller IDs (anonymous, +266696687, Restricted, Unknown, none) are not one caller: they share
/// <c>Telephony:RateLimit:AnonymousCallsPerMinute</c> (60) per number called, not the per-caller limit (10).
/// </summary>
public abstract class WithheldCallerTests(HotlineHarness hotline)
{
    private static readonly string?[] Presentations = ["anonymous", "+266696687", "Restricted", "Unknown", "", null, "ANONYMOUS", "restricted"];

    [Fact]
    public async Task Withheld_callers_share_sixty_calls_a_minute_per_number_called_and_the_61st_hears_busy()
    {
        var number = UniqueNumber();
        var other = UniqueNumber();
        await WaitForRoomInTheMinuteAsync();

        // 30 withheld callers in different presentations, far past the per-caller limit of 10: all admitted.
        var first = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => FrontDoorAsync(Presentations[i % Presentations.Length], number)));
        Assert.All(first, twiml => Assert.True(Admitted(twiml), twiml));

        // Up to the limit of 60 the number still answers them.
        var rest = await Task.WhenAll(Enumerable.Range(30, 30).Select(i => FrontDoorAsync(Presentations[i % Presentations.Length], number)));
        Assert.All(rest, twiml => Assert.True(Admitted(twiml), twiml));

        var refused = await FrontDoorAsync("anonymous", number);
        var elsewhere = await FrontDoorAsync("anonymous", other);
        var named = await FrontDoorAsync(HotlineHarness.NextCaller(), number);

        Assert.Equal("busy", (string?)HotlineHarness.TwiML(refused).Root!.Element("Reject")?.Attribute("reason"));
        Assert.True(Admitted(elsewhere), elsewhere); // another number's withheld callers have their own allowance
        Assert.True(Admitted(named), named); // callers with a number are counted apart
        var violations = await hotline.QueryAsync(db => db.RateLimitViolations.Where(v => v.CallerNumber.EndsWith(number)).Select(v => v.CallerNumber).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([WithheldCallerId.KeyPrefix + number], violations);
    }

    [Fact]
    public async Task A_caller_with_a_number_keeps_the_per_caller_limit()
    {
        var caller = HotlineHarness.NextCaller();
        await WaitForRoomInTheMinuteAsync();

        var answers = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            answers.Add(await FrontDoorAsync(caller, HotlineHarness.HotlineNumber));
        }

        Assert.All(answers.Take(10), twiml => Assert.True(Admitted(twiml), twiml));
        Assert.False(Admitted(answers[10]), answers[10]);
    }

    private static bool Admitted(string twiml) => HotlineHarness.TwiML(twiml).Root!.Element("Reject") is null;

    private async Task<string> FrontDoorAsync(string? from, string to)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("CallSid", "CA" + Guid.NewGuid().ToString("N")),
            new("AccountSid", "AC" + new string('0', 32)),
            new("To", to),
            new("CallStatus", "ringing"),
            new("Direction", "inbound"),
        };
        if (from is not null)
        {
            form.Add(new("From", from));
        }

        using var response = await hotline.PostAsync("/twilio/voice/frontdoor", form);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string UniqueNumber() =>
        "+1819" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>The limits are per clock minute: start early enough in one that the whole test fits in it.</summary>
    private static async Task WaitForRoomInTheMinuteAsync()
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 40)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - now.Second), TestContext.Current.CancellationToken);
        }
    }
}

public sealed class SqliteWithheldCallerTests(SqliteHotlineFixture fixture) : WithheldCallerTests(fixture.Hotline), IClassFixture<SqliteHotlineFixture>;

public sealed class PostgresWithheldCallerTests(PostgresHotlineFixture fixture) : WithheldCallerTests(fixture.Hotline), IClassFixture<PostgresHotlineFixture>;
