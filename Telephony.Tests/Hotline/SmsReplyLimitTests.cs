using Microsoft.EntityFrameworkCore;

namespace Telephony.Tests.Hotline;

/// <summary>
/// The SMS loop guard: each sender gets <c>Sms:RepliesPerHour</c> (5) automatic replies an hour, counted in the database
/// (so across instances); past that its texts are stored but answered with an empty response.
/// </summary>
public abstract class SmsReplyLimitTests(HotlineHarness hotline)
{
    [Fact]
    public async Task A_sender_gets_five_replies_an_hour_then_empty_responses_and_another_sender_is_unaffected()
    {
        var sender = HotlineHarness.NextCaller();
        var other = HotlineHarness.NextCaller();

        var replies = new List<string?>();
        foreach (var body in new[] { "hello", "HELP", "are you there", "hello?", "hello!!", "hello again", "HELP", "STOP" })
        {
            replies.Add(await SmsAsync(sender, body));
        }

        var otherReply = await SmsAsync(other, "hello");

        Assert.All(replies.Take(5), text => Assert.False(string.IsNullOrEmpty(text)));
        Assert.Equal([null, null, null], replies.Skip(5)); // empty <Response/>: no message
        Assert.False(string.IsNullOrEmpty(otherReply));

        // Every text is still stored, and STOP still opts the sender out.
        var stored = await hotline.QueryAsync(db => db.SmsMessages.CountAsync(m => m.From == sender, TestContext.Current.CancellationToken));
        var optedOut = await hotline.QueryAsync(db => db.SmsOptOuts.AnyAsync(o => o.PhoneNumber == sender && o.OptedOut, TestContext.Current.CancellationToken));
        Assert.Equal(8, stored);
        Assert.True(optedOut);
        Assert.Contains(hotline.App.Logs.Entries, l => l.Contains("not answered: it has had its 5 automatic replies this hour", StringComparison.Ordinal));
    }

    /// <summary>Sends a text; returns the reply's message, or null when the answer is an empty <c>&lt;Response/&gt;</c>.</summary>
    private async Task<string?> SmsAsync(string from, string body)
    {
        using var response = await hotline.PostAsync(
            "/twilio/sms/reply",
            ("MessageSid", "SM" + Guid.NewGuid().ToString("N")),
            ("AccountSid", "AC" + new string('0', 32)),
            ("From", from),
            ("To", HotlineHarness.HotlineNumber),
            ("Body", body));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var root = HotlineHarness.TwiML(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root.Element("Message")?.Value;
    }
}

public sealed class SqliteSmsReplyLimitTests(SqliteHotlineFixture fixture) : SmsReplyLimitTests(fixture.Hotline), IClassFixture<SqliteHotlineFixture>;

public sealed class PostgresSmsReplyLimitTests(PostgresHotlineFixture fixture) : SmsReplyLimitTests(fixture.Hotline), IClassFixture<PostgresHotlineFixture>;
