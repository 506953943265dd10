using System.Globalization;
using System.Text.Json;
using Telephony.Web.Twilio;

namespace Telephony.Web.Simulator;

/// <summary>
/// A fake of the part of Twilio's REST API (2010-04-01) that provisioning uses, under <see cref="BasePath"/>: same
/// paths, same form parameters, same JSON shapes, Basic auth with the account credentials, and faults on demand.
/// Mapped only in simulator mode.
/// </summary>
public static class FakeTwilioApi
{
    public const string BasePath = "/simulator/twilio";
    public const string IdempotencyTokenHeader = "I-Twilio-Idempotency-Token";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IEndpointRouteBuilder MapFakeTwilioApi(this IEndpointRouteBuilder app)
    {
        var credentials = app.ServiceProvider.GetRequiredService<TwilioCredentials>();
        return credentials.SimulatorMode ? app.MapFakeTwilioRoutes() : app;
    }

    /// <summary>The fake's routes whatever the mode: a test can host it on its own, as a stand-in for Twilio shared by several app instances.</summary>
    internal static IEndpointRouteBuilder MapFakeTwilioRoutes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath + "/2010-04-01").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        api.MapPost("/Accounts.json", CreateAccountAsync);
        api.MapGet("/Accounts.json", ListAccountsAsync);
        api.MapPost("/Accounts/{sid}.json", UpdateAccountAsync);
        api.MapGet("/Accounts/{account}/AvailablePhoneNumbers/{country}/Local.json", ListAvailableAsync);
        api.MapPost("/Accounts/{account}/IncomingPhoneNumbers.json", BuyNumberAsync);
        api.MapGet("/Accounts/{account}/IncomingPhoneNumbers.json", ListNumbersAsync);
        api.MapPost("/Accounts/{account}/IncomingPhoneNumbers/{sid}.json", UpdateNumberAsync);
        api.MapDelete("/Accounts/{account}/IncomingPhoneNumbers/{sid}.json", DeleteNumberAsync);
        api.MapGet("/Accounts/{account}/Calls.json", ListCallsAsync);
        api.MapGet("/Accounts/{account}/Recordings.json", ListRecordingsAsync);
        return app;
    }

    private static Task<IResult> CreateAccountAsync(HttpContext http, FakeTwilioState state, TwilioCredentials credentials, TimeProvider time) =>
        HandleAsync(http, FakeTwilioOperations.CreateAccount, null, credentials, state, form =>
        {
            var name = form["FriendlyName"].ToString();
            var account = state.CreateAccount(string.IsNullOrEmpty(name) ? "SubAccount Created at " + time.GetUtcNow().ToString("u", CultureInfo.InvariantCulture) : name, credentials.AccountSid, time.GetUtcNow());
            return Results.Json(AccountJson(account), Json, statusCode: StatusCodes.Status201Created);
        });

    private static Task<IResult> ListAccountsAsync(HttpContext http, FakeTwilioState state, TwilioCredentials credentials, string? friendlyName, string? status) =>
        HandleAsync(http, FakeTwilioOperations.ListAccounts, null, credentials, state, _ =>
        {
            var found = state.Accounts
                .Where(a => friendlyName is null || a.FriendlyName == friendlyName)
                .Where(a => status is null || a.Status == status)
                .Select(AccountJson);
            return Results.Json(Page(http, "accounts", found), Json);
        });

    private static Task<IResult> UpdateAccountAsync(HttpContext http, string sid, FakeTwilioState state, TwilioCredentials credentials) =>
        HandleAsync(http, FakeTwilioOperations.UpdateAccount, null, credentials, state, form =>
        {
            var status = form["Status"].ToString();
            if (status.Length > 0 && status is not ("active" or "suspended" or "closed"))
            {
                return Error(400, 20001, $"Invalid Status '{status}'");
            }

            var account = state.FindAccount(sid);
            if (account is null)
            {
                return NotFound(http);
            }

            if (account.Status == "closed")
            {
                return Error(400, 20008, "Cannot modify a closed account");
            }

            var updated = state.UpdateAccount(sid, status.Length > 0 ? status : null, form.ContainsKey("FriendlyName") ? form["FriendlyName"].ToString() : null)!;
            return Results.Json(AccountJson(updated), Json);
        });

    private static Task<IResult> ListAvailableAsync(HttpContext http, string account, string country, FakeTwilioState state, TwilioCredentials credentials, string? areaCode) =>
        HandleAsync(http, FakeTwilioOperations.ListAvailable, account, credentials, state, _ =>
        {
            if (country is not ("US" or "CA") || areaCode is null || areaCode.Length != 3 || !areaCode.All(char.IsAsciiDigit))
            {
                return Results.Json(Page(http, "available_phone_numbers", []), Json);
            }

            var available = state.Available(areaCode, 5).Select(n => new
            {
                FriendlyName = $"({areaCode}) {n[5..8]}-{n[8..]}",
                PhoneNumber = n,
                IsoCountry = country,
                Region = country == "CA" ? "BC" : "CA",
                Capabilities = new { Voice = true, Sms = true, Mms = true, Fax = false },
                Beta = false,
            });
            return Results.Json(Page(http, "available_phone_numbers", available), Json);
        });

    private static Task<IResult> BuyNumberAsync(HttpContext http, string account, FakeTwilioState state, TwilioCredentials credentials, TimeProvider time) =>
        HandleAsync(http, FakeTwilioOperations.BuyNumber, account, credentials, state, form =>
        {
            var phoneNumber = form["PhoneNumber"].ToString();
            if (phoneNumber.Length == 0 && form["AreaCode"].ToString() is { Length: 3 } areaCode)
            {
                phoneNumber = state.Available(areaCode, 1) is [var first, ..] ? first : "";
            }

            if (phoneNumber.Length == 0)
            {
                return Error(400, 21452, "No phone numbers found in area code");
            }

            var bought = state.Buy(new FakeNumber(
                "", account, phoneNumber, Value(form, "FriendlyName") ?? phoneNumber, Value(form, "VoiceUrl"), Value(form, "VoiceFallbackUrl"),
                Value(form, "StatusCallback"), Value(form, "SmsUrl"), time.GetUtcNow()));
            return bought is null
                ? Error(400, 21422, $"PhoneNumber {phoneNumber} is not available")
                : Results.Json(NumberJson(bought), Json, statusCode: StatusCodes.Status201Created);
        });

    private static Task<IResult> ListNumbersAsync(HttpContext http, string account, FakeTwilioState state, TwilioCredentials credentials, string? friendlyName, string? phoneNumber) =>
        HandleAsync(http, FakeTwilioOperations.ListNumbers, account, credentials, state, _ =>
        {
            var found = state.Numbers
                .Where(n => n.AccountSid == account)
                .Where(n => friendlyName is null || n.FriendlyName == friendlyName)
                .Where(n => phoneNumber is null || n.PhoneNumber == phoneNumber)
                .Select(NumberJson);
            return Results.Json(Page(http, "incoming_phone_numbers", found), Json);
        });

    private static Task<IResult> UpdateNumberAsync(HttpContext http, string account, string sid, FakeTwilioState state, TwilioCredentials credentials) =>
        HandleAsync(http, FakeTwilioOperations.UpdateNumber, account, credentials, state, form =>
        {
            var updated = state.UpdateNumber(account, sid, n => n with
            {
                FriendlyName = Value(form, "FriendlyName") ?? n.FriendlyName,
                VoiceUrl = form.ContainsKey("VoiceUrl") ? Value(form, "VoiceUrl") : n.VoiceUrl,
                VoiceFallbackUrl = form.ContainsKey("VoiceFallbackUrl") ? Value(form, "VoiceFallbackUrl") : n.VoiceFallbackUrl,
                StatusCallback = form.ContainsKey("StatusCallback") ? Value(form, "StatusCallback") : n.StatusCallback,
                SmsUrl = form.ContainsKey("SmsUrl") ? Value(form, "SmsUrl") : n.SmsUrl,
            });
            return updated is null ? NotFound(http) : Results.Json(NumberJson(updated), Json);
        });

    private static Task<IResult> DeleteNumberAsync(HttpContext http, string account, string sid, FakeTwilioState state, TwilioCredentials credentials) =>
        HandleAsync(http, FakeTwilioOperations.DeleteNumber, account, credentials, state, _ =>
            state.DeleteNumber(account, sid) ? Results.NoContent() : NotFound(http));

    // Twilio's filters: StartTime>=, DateCreated>= (and the strict forms), in ISO 8601 or as a date.
    private static Task<IResult> ListCallsAsync(HttpContext http, string account, FakeTwilioState state, TwilioCredentials credentials) =>
        HandleAsync(http, FakeTwilioOperations.ListCalls, account, credentials, state, _ =>
        {
            var after = After(http.Request.Query, "StartTime");
            var found = state.PlayedCalls
                .Where(c => c.AccountSid == account && (after is null || c.StartTime >= after))
                .OrderByDescending(c => c.StartTime)
                .Select(c => new
                {
                    c.Sid,
                    c.AccountSid,
                    c.ParentCallSid,
                    c.From,
                    c.To,
                    c.Status,
                    c.Direction,
                    StartTime = Rfc2822(c.StartTime),
                    EndTime = c.EndTime is { } end ? Rfc2822(end) : null,
                    Duration = c.Duration?.ToString(CultureInfo.InvariantCulture),
                    DateCreated = Rfc2822(c.StartTime),
                    DateUpdated = Rfc2822(c.EndTime ?? c.StartTime),
                    ApiVersion = "2010-04-01",
                    Uri = $"/2010-04-01/Accounts/{c.AccountSid}/Calls/{c.Sid}.json",
                });
            return Results.Json(Page(http, "calls", found), Json);
        });

    private static Task<IResult> ListRecordingsAsync(HttpContext http, string account, FakeTwilioState state, TwilioCredentials credentials) =>
        HandleAsync(http, FakeTwilioOperations.ListRecordings, account, credentials, state, _ =>
        {
            var after = After(http.Request.Query, "DateCreated");
            var found = state.Recordings
                .Where(r => r.AccountSid == account && (after is null || r.DateCreated >= after))
                .OrderByDescending(r => r.DateCreated)
                .Select(r => new
                {
                    r.Sid,
                    r.AccountSid,
                    r.CallSid,
                    r.Source,
                    Status = "completed",
                    Channels = r.Source == "DialVerb" ? 2 : 1,
                    Duration = r.Duration.ToString(CultureInfo.InvariantCulture),
                    DateCreated = Rfc2822(r.DateCreated),
                    DateUpdated = Rfc2822(r.DateCreated),
                    StartTime = Rfc2822(r.DateCreated.AddSeconds(-r.Duration)),
                    r.MediaUrl,
                    ApiVersion = "2010-04-01",
                    Uri = $"/2010-04-01/Accounts/{r.AccountSid}/Recordings/{r.Sid}.json",
                });
            return Results.Json(Page(http, "recordings", found), Json);
        });

    private static DateTimeOffset? After(IQueryCollection query, string field)
    {
        foreach (var (key, value) in query)
        {
            if (key.StartsWith(field + ">", StringComparison.Ordinal)
                && DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at;
            }
        }

        return null;
    }

    // Auth, then the fault plan, then (for POSTs with a token) the replay of an earlier answer, then the operation.
    private static async Task<IResult> HandleAsync(
        HttpContext http, string operation, string? account, TwilioCredentials credentials, FakeTwilioState state, Func<IFormCollection, IResult> handle)
    {
        if (!SimulatorApi.Authorized(http.Request, credentials))
        {
            return Error(401, 20003, "Authenticate");
        }

        if (account is not null && account != credentials.AccountSid && state.FindAccount(account) is not { Status: "active" })
        {
            return NotFound(http);
        }

        var fault = state.NextCall(operation);
        switch (fault?.Kind)
        {
            case FakeTwilioFaultKind.ServerError:
                return Error(500, 20500, "Internal Server Error");
            case FakeTwilioFaultKind.TooManyRequests:
                http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Error(429, 20429, "Too Many Requests");
            case FakeTwilioFaultKind.Timeout:
                await Task.Delay(state.TimeoutDelay, http.RequestAborted).ConfigureAwait(false);
                return Error(504, 20504, "Gateway Timeout");
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false) : FormCollection.Empty;
        var token = http.Request.Headers[IdempotencyTokenHeader].ToString();
        if (HttpMethods.IsPost(http.Request.Method) && token.Length > 0)
        {
            var key = $"{operation} {http.Request.Path} {token}";
            if (state.TryGetIdempotentResponse(key, out var earlier))
            {
                return Results.Text(earlier.Body, "application/json", statusCode: earlier.Status);
            }

            var result = handle(form);
            var code = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            if (code < 300 && result is IValueHttpResult { Value: { } value })
            {
                state.RememberIdempotentResponse(key, code, JsonSerializer.Serialize(value, Json));
            }

            return result;
        }

        return handle(form);
    }

    private static string? Value(IFormCollection form, string key) => form.TryGetValue(key, out var v) && v.ToString().Length > 0 ? v.ToString() : null;

    private static Dictionary<string, object?> Page(HttpContext http, string key, IEnumerable<object> records)
    {
        var uri = http.Request.Path.Value![BasePath.Length..] + http.Request.QueryString;
        return new Dictionary<string, object?>
        {
            [key] = records.ToList(),
            ["uri"] = uri,
            ["first_page_uri"] = uri,
            ["next_page_uri"] = null,
            ["previous_page_uri"] = null,
            ["page"] = 0,
            ["page_size"] = 50,
            ["start"] = 0,
            ["end"] = 0,
        };
    }

    private static object AccountJson(FakeAccount a) => new
    {
        a.Sid,
        a.FriendlyName,
        a.Status,
        a.OwnerAccountSid,
        Type = "Full",
        DateCreated = Rfc2822(a.DateCreated),
        DateUpdated = Rfc2822(a.DateCreated),
        Uri = $"/2010-04-01/Accounts/{a.Sid}.json",
    };

    private static object NumberJson(FakeNumber n) => new
    {
        n.Sid,
        n.AccountSid,
        n.FriendlyName,
        n.PhoneNumber,
        n.VoiceUrl,
        VoiceMethod = "POST",
        n.VoiceFallbackUrl,
        VoiceFallbackMethod = "POST",
        n.StatusCallback,
        StatusCallbackMethod = "POST",
        n.SmsUrl,
        SmsMethod = "POST",
        Capabilities = new { Voice = true, Sms = true, Mms = true, Fax = false },
        Status = "in-use",
        Origin = "twilio",
        ApiVersion = "2010-04-01",
        DateCreated = Rfc2822(n.DateCreated),
        DateUpdated = Rfc2822(n.DateCreated),
        Uri = $"/2010-04-01/Accounts/{n.AccountSid}/IncomingPhoneNumbers/{n.Sid}.json",
    };

    private static string Rfc2822(DateTimeOffset t) => t.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static IResult NotFound(HttpContext http) =>
        Error(404, 20404, $"The requested resource {http.Request.Path.Value![BasePath.Length..]} was not found");

    private static IResult Error(int status, int code, string message) =>
        Results.Json(new { Code = code, Message = message, MoreInfo = $"https://www.twilio.com/docs/errors/{code}", Status = status }, Json, statusCode: status);
}
