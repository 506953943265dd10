using Telephony.Web.Provisioning;
using Telephony.Web.Twilio;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;

namespace Telephony.Web.Reconciliation;

/// <summary>A call as Twilio's REST API lists it.</summary>
public sealed record TwilioCall(string Sid, string? ParentCallSid, string From, string To, string Direction, string Status, DateTimeOffset? StartTime, DateTimeOffset? EndTime, int? Duration);

/// <summary>A recording as Twilio's REST API lists it.</summary>
public sealed record TwilioRecording(string Sid, string CallSid, string Source, string Status, int? Duration, DateTimeOffset? DateCreated, string? MediaUrl);

/// <summary>
/// Reads the account's recent calls and recordings with the Twilio SDK, over the same resilient HttpClient as
/// provisioning (in simulator mode that client reaches the fake Twilio).
/// </summary>
public sealed class TwilioActivity(IHttpClientFactory httpClientFactory, TwilioCredentials credentials)
{
    public async Task<IReadOnlyList<TwilioCall>> CallsSinceAsync(DateTimeOffset since)
    {
        var calls = await CallResource.ReadAsync(
            new ReadCallOptions { PathAccountSid = credentials.AccountSid, StartTimeAfter = since.UtcDateTime }, Client()).ConfigureAwait(false);
        return [.. calls.Select(c => new TwilioCall(
            c.Sid, c.ParentCallSid, c.From ?? "", c.To ?? "", c.Direction ?? "inbound", c.Status?.ToString() ?? "",
            Utc(c.StartTime), Utc(c.EndTime), Seconds(c.Duration)))];
    }

    public async Task<IReadOnlyList<TwilioRecording>> RecordingsSinceAsync(DateTimeOffset since)
    {
        var recordings = await RecordingResource.ReadAsync(
            new ReadRecordingOptions { PathAccountSid = credentials.AccountSid, DateCreatedAfter = since.UtcDateTime }, Client()).ConfigureAwait(false);
        return [.. recordings.Select(r => new TwilioRecording(
            r.Sid, r.CallSid, r.Source?.ToString() ?? "", r.Status?.ToString() ?? "", Seconds(r.Duration), Utc(r.DateCreated), r.MediaUrl?.ToString()))];
    }

    private TwilioRestClient Client() =>
        new(credentials.AccountSid, credentials.AuthToken, httpClient: new SystemNetHttpClient(httpClientFactory.CreateClient(TwilioGateway.HttpClientName)));

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc)) : null;

    private static int? Seconds(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
}
