using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Telephony.Data.Voicemail;
using Telephony.Web.Twilio;

namespace Telephony.Web.Voicemail;

/// <summary>
/// Copies each new voicemail's audio from Twilio (Basic auth with the account credentials) into the app's storage,
/// retrying with exponential backoff. A voicemail whose fetch keeps failing is marked failed, visible, never lost.
/// </summary>
internal sealed partial class VoicemailAudioFetcher(
    VoicemailStore voicemails,
    VoicemailAudioStorage storage,
    IHttpClientFactory httpClients,
    TwilioCredentials credentials,
    IOptions<VoicemailAudioOptions> options,
    TimeProvider time,
    ILogger<VoicemailAudioFetcher> logger) : BackgroundService
{
    public const string HttpClientName = "twilio-media";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), time);
        do
        {
            try
            {
                await FetchDueAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The database may be down; try again on the next tick.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogPollFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal async Task FetchDueAsync(CancellationToken cancellationToken)
    {
        foreach (var due in await voicemails.ListDueFetchesAsync(10, cancellationToken).ConfigureAwait(false))
        {
            await FetchOneAsync(due, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FetchOneAsync(PendingAudio due, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, due.RecordingUrl + ".mp3");
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.AccountSid}:{credentials.AuthToken}")));
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await FailAsync(due, $"HTTP {(int)response.StatusCode}", cancellationToken).ConfigureAwait(false);
                return;
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var path = await storage.SaveAsync(due.RecordingSid, body, cancellationToken).ConfigureAwait(false);
                if (!await voicemails.MarkFetchedAsync(due.Id, Path.GetFileName(path), cancellationToken).ConfigureAwait(false))
                {
                    // Deleted (retention, erasure) while we were fetching it: keep no copy.
                    storage.Delete(due.RecordingSid);
                    return;
                }

                LogFetched(logger, due.RecordingSid);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(due, e.GetType().Name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(PendingAudio due, string error, CancellationToken cancellationToken)
    {
        var attempts = due.Attempts + 1;
        DateTimeOffset? retryAt = attempts >= options.Value.MaxFetchAttempts
            ? null
            : time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(1800, options.Value.RetryBaseSeconds * Math.Pow(2, attempts - 1)));
        await voicemails.MarkFetchFailedAsync(due.Id, error, retryAt, cancellationToken).ConfigureAwait(false);
        LogFetchFailed(logger, due.RecordingSid, attempts, error, retryAt is null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched voicemail audio {RecordingSid}")]
    private static partial void LogFetched(ILogger logger, string recordingSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching voicemail audio {RecordingSid} failed (attempt {Attempt}: {Error}); given up: {GivenUp}")]
    private static partial void LogFetchFailed(ILogger logger, string recordingSid, int attempt, string error, bool givenUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voicemail audio poll failed ({Reason}); retrying")]
    private static partial void LogPollFailed(ILogger logger, string reason);
}
