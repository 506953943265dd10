using System.Xml.Linq;
using Telephony.Core.Sms;

namespace Telephony.Tests.Core.Sms;

public class SmsReplyPolicyTests
{
    private static readonly SmsReplyOptions Options = new("Acme", "call +1 415 555 0100, weekdays 9 to 5", "Thanks, we got your message. For urgent help call +1 415 555 0100.");

    [Theory]
    [InlineData("STOP")]
    [InlineData(" stop ")]
    [InlineData("StopAll")]
    [InlineData("UNSUBSCRIBE")]
    [InlineData("cancel")]
    [InlineData("End")]
    [InlineData("quit")]
    public void Opt_out_keywords_opt_out_and_leave_the_confirmation_to_Twilio(string body)
    {
        var reply = new SmsReplyPolicy(Options).Reply(body);
        Assert.Equal(SmsKeyword.OptOut, reply.Keyword);
        Assert.Empty(Messages(reply));
    }

    [Fact]
    public void Opt_out_is_confirmed_when_we_own_keyword_replies()
    {
        var reply = new SmsReplyPolicy(Options with { ReplyToOptOutKeywords = true }).Reply("STOP");
        Assert.Contains("unsubscribed", Assert.Single(Messages(reply)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("START")]
    [InlineData("unstop")]
    public void Opt_in_keywords_opt_in(string body) =>
        Assert.Equal(SmsKeyword.OptIn, new SmsReplyPolicy(Options).Reply(body).Keyword);

    [Fact]
    public void Help_answers_with_the_contact_line()
    {
        var reply = new SmsReplyPolicy(Options).Reply("help");
        Assert.Equal(SmsKeyword.Help, reply.Keyword);
        Assert.Contains(Options.ContactLine, Assert.Single(Messages(reply)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hello, can someone call me?")]
    [InlineData("stop calling me")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_gets_the_auto_reply(string? body)
    {
        var reply = new SmsReplyPolicy(Options).Reply(body);
        Assert.Equal(SmsKeyword.Other, reply.Keyword);
        Assert.Equal(Options.AutoReply, Assert.Single(Messages(reply)));
    }

    private static List<string> Messages(SmsReply reply)
    {
        var doc = XDocument.Parse(reply.TwiML);
        Assert.Equal("Response", doc.Root!.Name.LocalName);
        return doc.Root.Elements("Message").Select(m => m.Value).ToList();
    }
}
