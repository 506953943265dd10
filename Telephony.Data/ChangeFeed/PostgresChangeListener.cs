using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Telephony.Data.ChangeFeed;

/// <summary>
/// Holds this instance's one <c>LISTEN telephony_changes</c> connection and re-broadcasts what arrives to local
/// subscribers. A dropped connection is re-opened with exponential backoff; after every successful LISTEN (the first
/// one too) a resync notice tells dashboards to re-query, since notices sent while nobody listened are lost for good.
/// </summary>
internal sealed partial class PostgresChangeListener(
    DatabaseSettings settings, ChangeBroadcaster broadcaster, ChangeFeedStatus status, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => backoff = MinBackoff, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever broke the connection, the listener must come back rather than stop the host.
            catch (Exception e)
#pragma warning restore CA1031
            {
                status.MarkLost();
                LogConnectionLost(e, backoff.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken stoppingToken)
    {
        var connection = new NpgsqlConnection(ListenerConnectionString());
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += OnNotification;
            await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
            var listen = new NpgsqlCommand($"LISTEN {PostgresChangeFeed.Channel}", connection);
            await using (listen.ConfigureAwait(false))
            {
                await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
            }

            connected();
            status.MarkListening();
            LogListening();
            broadcaster.Broadcast([ChangeNotice.Resync]);
            while (true)
            {
                // Returns after each notification; throws when the connection breaks (keepalive notices a dead peer).
                await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == PostgresChangeFeed.Channel)
        {
            broadcaster.Broadcast(ChangeNoticeJson.Deserialize(e.Payload));
        }
    }

    // Unpooled: a LISTEN session must never be handed to other code, and a broken one must not go back to a pool.
    private string ListenerConnectionString() => new NpgsqlConnectionStringBuilder(settings.ConnectionString)
    {
        Pooling = false,
        Enlist = false,
        KeepAlive = 15,
        ApplicationName = "telephony-change-listener",
    }.ConnectionString;

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for change notices on PostgreSQL")]
    private partial void LogListening();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change-notice connection lost; reconnecting in {DelayMs} ms")]
    private partial void LogConnectionLost(Exception exception, double delayMs);
}
