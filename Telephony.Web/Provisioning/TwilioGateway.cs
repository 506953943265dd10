using Telephony.Web.Twilio;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.AvailablePhoneNumberCountry;
using TwilioHttpMethod = Twilio.Http.HttpMethod;

namespace Telephony.Web.Provisioning;

/// <summary>
/// The Twilio REST calls provisioning makes, on the Twilio SDK over a resilient <see cref="System.Net.Http.HttpClient"/>.
/// Creating calls look up their deterministic FriendlyName first, so repeating one after a crash finds the earlier
/// result instead of buying twice; undoing calls treat "not found" as done.
/// </summary>
public sealed class TwilioGateway(IHttpClientFactory httpClientFactory, TwilioCredentials credentials)
{
    public const string HttpClientName = "twilio-rest";

    private const int NotFound = 404;
    private const int NumberNotAvailable = 21422;

    public string MainAccountSid => credentials.AccountSid;

    private TwilioRestClient Client() =>
        new(credentials.AccountSid, credentials.AuthToken, httpClient: new SystemNetHttpClient(httpClientFactory.CreateClient(HttpClientName)));

    public async Task<string> FindOrCreateSubaccountAsync(string friendlyName)
    {
        var client = Client();
        var existing = await FindSubaccountsAsync(client, friendlyName).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            return existing[0];
        }

        var account = await AccountResource.CreateAsync(new CreateAccountOptions { FriendlyName = friendlyName }, client).ConfigureAwait(false);
        return account.Sid;
    }

    /// <summary>Closes the subaccount <paramref name="sid"/> (when known) and any active one named <paramref name="friendlyName"/>.</summary>
    public async Task CloseSubaccountsAsync(string? sid, string friendlyName)
    {
        var client = Client();
        var toClose = await FindSubaccountsAsync(client, friendlyName).ConfigureAwait(false);
        if (sid is not null && !toClose.Contains(sid))
        {
            toClose.Add(sid);
        }

        foreach (var account in toClose)
        {
            try
            {
                await AccountResource.UpdateAsync(pathSid: account, status: AccountResource.StatusEnum.Closed, client: client).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Status == NotFound || e.Code == 20008)
            {
                // Gone or already closed: nothing to undo.
            }
        }
    }

    /// <summary>The number named <paramref name="friendlyName"/> in the account, or a newly bought one in the area code.</summary>
    public async Task<(string Sid, string PhoneNumber)> FindOrBuyNumberAsync(string accountSid, string areaCode, string friendlyName)
    {
        var client = Client();
        var existing = await FindNumbersAsync(client, accountSid, friendlyName).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            return (existing[0].Sid, existing[0].PhoneNumber.ToString());
        }

        var available = await LocalResource.ReadAsync(
            new ReadLocalOptions("CA") { PathAccountSid = accountSid, AreaCode = int.Parse(areaCode, System.Globalization.CultureInfo.InvariantCulture) },
            client).ConfigureAwait(false);
        // Someone else may buy a listed number first (Twilio answers 21422): then the next one.
        foreach (var candidate in available)
        {
            try
            {
                var bought = await IncomingPhoneNumberResource.CreateAsync(
                    new CreateIncomingPhoneNumberOptions { PathAccountSid = accountSid, PhoneNumber = candidate.PhoneNumber, FriendlyName = friendlyName },
                    client).ConfigureAwait(false);
                return (bought.Sid, bought.PhoneNumber.ToString());
            }
            catch (ApiException e) when (e.Code == NumberNotAvailable)
            {
            }
        }

        throw new InvalidOperationException($"Twilio has no number available in area code {areaCode}.");
    }

    public async Task ConfigureNumberAsync(string accountSid, string numberSid, WebhookUrls urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        await IncomingPhoneNumberResource.UpdateAsync(
            new UpdateIncomingPhoneNumberOptions(numberSid)
            {
                PathAccountSid = accountSid,
                VoiceUrl = urls.Voice,
                VoiceMethod = TwilioHttpMethod.Post,
                VoiceFallbackUrl = urls.VoiceFallback,
                VoiceFallbackMethod = TwilioHttpMethod.Post,
                StatusCallback = urls.StatusCallback,
                StatusCallbackMethod = TwilioHttpMethod.Post,
                SmsUrl = urls.Sms,
                SmsMethod = TwilioHttpMethod.Post,
            },
            Client()).ConfigureAwait(false);
    }

    /// <summary>Releases the number <paramref name="numberSid"/> (when known) and any named <paramref name="friendlyName"/> (when given).</summary>
    public async Task ReleaseNumbersAsync(string accountSid, string? numberSid, string? friendlyName)
    {
        var client = Client();
        var sids = new List<string>();
        if (numberSid is not null)
        {
            sids.Add(numberSid);
        }

        if (friendlyName is not null)
        {
            try
            {
                sids.AddRange((await FindNumbersAsync(client, accountSid, friendlyName).ConfigureAwait(false)).Select(n => n.Sid).Where(s => !sids.Contains(s)));
            }
            catch (ApiException e) when (e.Status == NotFound)
            {
                return; // the account itself is gone, and its numbers with it
            }
        }

        foreach (var sid in sids)
        {
            try
            {
                await IncomingPhoneNumberResource.DeleteAsync(new DeleteIncomingPhoneNumberOptions(sid) { PathAccountSid = accountSid }, client).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Status == NotFound)
            {
                // Already released.
            }
        }
    }

    private static async Task<List<string>> FindSubaccountsAsync(TwilioRestClient client, string friendlyName)
    {
        var accounts = await AccountResource.ReadAsync(
            new ReadAccountOptions { FriendlyName = friendlyName, Status = AccountResource.StatusEnum.Active }, client).ConfigureAwait(false);
        return [.. accounts.Select(a => a.Sid)];
    }

    private static async Task<List<IncomingPhoneNumberResource>> FindNumbersAsync(TwilioRestClient client, string accountSid, string friendlyName)
    {
        var numbers = await IncomingPhoneNumberResource.ReadAsync(
            new ReadIncomingPhoneNumberOptions { PathAccountSid = accountSid, FriendlyName = friendlyName }, client).ConfigureAwait(false);
        return [.. numbers];
    }
}
