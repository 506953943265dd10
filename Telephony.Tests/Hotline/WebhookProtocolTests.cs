using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Data.Calls;
using Telephony.Data.Errors;
using Telephony.Tests.Web;

namespace Telephony.Tests.Hotline;

/// <summary>What every Twilio route promises: 403 for a bad signature, otherwise 200 TwiML whatever the input.</summary>
public sealed class WebhookProtocolTests(SqliteHotlineFixture fixture) : IClassFixture<SqliteHotlineFixture>
{
    private HotlineHarness Hotline => fixture.Hotline;

    public static TheoryData<string> Routes =>
    [
        "/twilio/voice/frontdoor", "/twilio/voice/menu", "/twilio/voice/dial-complete", "/twilio/voice/voicemail",
        "/twilio/voice/recording-status", "/twilio/voice/transcription", "/twilio/voice/status", "/twilio/voice/fallback", "/twilio/sms/reply",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_missing_signature_gets_a_bare_403(string route)
    {
        using var response = await Hotline.PostAsync(route, [new("CallSid", "CA" + new string('a', 32))], signature: "");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_wrong_signature_gets_403_and_is_counted_as_a_signature_failure_off_the_request_path()
    {
        var before = await CountSignatureFailures();

        using var response = await Hotline.PostAsync("/twilio/voice/frontdoor", [new("From", HotlineHarness.NextCaller())], signature: "bm90LXRoZS1zaWduYXR1cmU=");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var after = await CountSignatureFailures();
        while (after < before + 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            after = await CountSignatureFailures();
        }

        Assert.True(after > before, $"signature failures went from {before} to {after}");
    }

    [Fact]
    public async Task During_a_token_rotation_webhooks_signed_with_either_token_verify_and_others_do_not()
    {
        await using var app = new TelephonyAppFactory();
        app.Settings["Twilio:AccountSid"] = "AC" + new string('1', 32);
        app.Settings["Twilio:AuthToken"] = "old-primary-token-0123456789abcd";
        app.Settings["Twilio:SecondaryAuthToken"] = "new-secondary-token-0123456789ab";
        using var client = app.CreateBrowserlessClient();
        var url = HotlineHarness.Url("/twilio/sms/reply");
        KeyValuePair<string, string>[] form = [new("From", HotlineHarness.NextCaller()), new("Body", "HELP"), new("MessageSid", "SM" + new string('d', 32))];

        async Task<HttpStatusCode> PostSignedWith(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/sms/reply") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("X-Twilio-Signature", new Telephony.Core.Twilio.TwilioSignatureValidator(token).ComputeSignature(url, form));
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await PostSignedWith("old-primary-token-0123456789abcd"));
        Assert.Equal(HttpStatusCode.OK, await PostSignedWith("new-secondary-token-0123456789ab"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostSignedWith("some-other-token-0123456789abcde"));
    }

    [Fact]
    public async Task A_signature_made_for_another_url_is_refused()
    {
        var form = new KeyValuePair<string, string>[] { new("CallSid", "CA" + new string('b', 32)), new("Digits", "1") };

        using var replayed = await Hotline.PostAsync("/twilio/voice/menu?lang=en&attempt=1&consent=1", form, signedUrl: HotlineHarness.Url("/twilio/voice/menu?lang=en&attempt=1&consent=0"));
        using var otherHost = await Hotline.PostAsync("/twilio/voice/menu", form, signedUrl: "https://attacker.example.com/twilio/voice/menu");
        using var tampered = await Hotline.PostAsync("/twilio/voice/menu", form.Append(new("Extra", "x")), signedUrl: HotlineHarness.Url("/twilio/voice/menu") + "?");

        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherHost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    [Fact]
    public async Task The_signature_is_checked_against_the_public_url_not_the_host_kestrel_saw()
    {
        // The test server sees http://localhost; Twilio signed https://hotline.example.com (Twilio:PublicBaseUrl).
        using var response = await Hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", "CA" + new string('c', 32)), ("From", HotlineHarness.NextCaller()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string, string> MalformedInputs => new()
    {
        { "/twilio/voice/frontdoor", "From", "" },
        { "/twilio/voice/frontdoor", "From", "'; DROP TABLE \"Calls\"; --" },
        { "/twilio/voice/frontdoor", "CallSid", "<script>alert(1)</script>" },
        { "/twilio/voice/menu", "Digits", new string('9', 5000) },
        { "/twilio/voice/menu", "Digits", "1 OR 1=1" },
        { "/twilio/voice/menu", "CallSid", "CA" + new string('z', 32) },
        { "/twilio/voice/dial-complete", "DialCallStatus", "exploded" },
        { "/twilio/voice/dial-complete", "DialCallDuration", "-5" },
        { "/twilio/voice/status", "SequenceNumber", "not-a-number" },
        { "/twilio/voice/status", "Timestamp", "yesterday" },
        { "/twilio/voice/status", "CallStatus", "<Response><Hangup/></Response>" },
        { "/twilio/voice/recording-status", "RecordingDuration", "1e309" },
        { "/twilio/voice/recording-status", "RecordingUrl", "javascript:alert(1)" },
        { "/twilio/voice/transcription", "TranscriptionText", new string('x', 100_000) },
        { "/twilio/voice/fallback", "ErrorCode", "{\"json\":true}" },
        { "/twilio/sms/reply", "Body", "STOP\u202e" },
        { "/twilio/sms/reply", "From", "not a phone" },
    };

    [Theory]
    [MemberData(nameof(MalformedInputs))]
    public async Task Malformed_input_still_gets_200_and_valid_twiml(string route, string field, string value)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("CallSid", "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())),
            new("From", HotlineHarness.NextCaller()),
            new("AccountSid", "AC" + new string('0', 32)),
        };
        form.RemoveAll(p => p.Key == field);
        form.Add(new(field, value));

        using var response = await Hotline.PostAsync(route + "?lang=xx&attempt=99&consent=%00", form);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("Response", XDocument.Parse(body).Root!.Name.LocalName);
    }

    [Fact]
    public async Task Status_callbacks_out_of_order_and_twice_leave_the_call_completed()
    {
        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var from = HotlineHarness.NextCaller();
        (await Hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", sid), ("From", from), ("To", HotlineHarness.HotlineNumber))).Dispose();

        foreach (var (status, seq) in new[] { ("completed", "3"), ("in-progress", "2"), ("ringing", "0"), ("completed", "3"), ("in-progress", "1") })
        {
            using var r = await Hotline.PostAsync("/twilio/voice/status", ("CallSid", sid), ("CallStatus", status), ("SequenceNumber", seq), ("CallDuration", "42"), ("From", from));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var call = await Hotline.QueryAsync(db => db.Calls.SingleAsync(c => c.CallSid == sid, TestContext.Current.CancellationToken));
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(42, call.DurationSeconds);
        Assert.Equal(3, call.LastSequenceNumber);
        var statusEvents = await Hotline.QueryAsync(db => db.CallEvents.CountAsync(e => e.CallSid == sid && e.Kind == "status", TestContext.Current.CancellationToken));
        Assert.Equal(1, statusEvents);
    }

    [Fact]
    public async Task The_fallback_route_apologises_offers_voicemail_and_records_twilios_error()
    {
        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

        using var response = await Hotline.PostAsync("/twilio/voice/fallback", ("CallSid", sid), ("From", HotlineHarness.NextCaller()), ("ErrorCode", "11200"), ("ErrorUrl", "https://hotline.example.com/twilio/voice/frontdoor"));
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.NotNull(twiml.Root!.Element("Record"));
        // One TwilioError row; a loaded host may also log a database failure for the same call (answered past the budget).
        var error = await Hotline.QueryAsync(db => db.WebhookErrors.SingleAsync(e => e.CallSid == sid && e.Kind == WebhookErrorKind.TwilioError, TestContext.Current.CancellationToken));
        Assert.Equal("11200", error.ErrorCode);
        Assert.Equal("https://hotline.example.com/twilio/voice/frontdoor", error.ErrorUrl);
    }

    [Fact]
    public async Task The_eleventh_call_in_a_minute_from_one_number_hears_busy_and_is_stored_as_a_violation()
    {
        var caller = HotlineHarness.NextCaller();
        var bodies = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            using var r = await Hotline.PostAsync("/twilio/voice/frontdoor", ("CallSid", "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", caller));
            bodies.Add(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.All(bodies.Take(10), b => Assert.NotNull(XDocument.Parse(b).Root!.Element("Gather")));
        var reject = XDocument.Parse(bodies[10]).Root!.Element("Reject");
        Assert.NotNull(reject);
        Assert.Equal("busy", reject.Attribute("reason")!.Value);
        Assert.Equal(1, await Hotline.QueryAsync(db => db.RateLimitViolations.CountAsync(v => v.CallerNumber == caller, TestContext.Current.CancellationToken)));
        Assert.Equal(1, await Hotline.QueryAsync(db => db.Calls.CountAsync(c => c.From == caller && c.RateLimited, TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("STOP", true)]
    [InlineData(" unsubscribe ", true)]
    [InlineData("START", false)]
    public async Task Stop_and_start_change_the_numbers_opt_out_state(string body, bool optedOut)
    {
        var from = HotlineHarness.NextCaller();

        using var response = await Hotline.PostAsync("/twilio/sms/reply", ("MessageSid", "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", from), ("To", HotlineHarness.HotlineNumber), ("Body", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await Hotline.QueryAsync(db => db.SmsOptOuts.SingleAsync(o => o.PhoneNumber == from, TestContext.Current.CancellationToken));
        Assert.Equal(optedOut, state.OptedOut);
        Assert.Equal(1, await Hotline.QueryAsync(db => db.SmsMessages.CountAsync(m => m.From == from, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Help_answers_with_the_contact_line_and_other_texts_get_the_auto_reply()
    {
        using var help = await Hotline.PostAsync("/twilio/sms/reply", ("MessageSid", "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", HotlineHarness.NextCaller()), ("Body", "help"));
        using var other = await Hotline.PostAsync("/twilio/sms/reply", ("MessageSid", "SM" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())), ("From", HotlineHarness.NextCaller()), ("Body", "Are you open Sunday?"));

        var helpText = XDocument.Parse(await help.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!.Element("Message")!.Value;
        var otherText = XDocument.Parse(await other.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!.Element("Message")!.Value;
        Assert.Contains("call us at this number", helpText, StringComparison.Ordinal);
        Assert.Contains("STOP", helpText, StringComparison.Ordinal);
        Assert.Contains("does not read texts", otherText, StringComparison.Ordinal);
    }

    private Task<int> CountSignatureFailures() =>
        Hotline.QueryAsync(db => db.WebhookErrors.Where(e => e.Kind == WebhookErrorKind.SignatureFailure).SumAsync(e => e.Count, TestContext.Current.CancellationToken));
}
