using Npgsql;
using Telephony.Data;
using Telephony.Data.Calls;

namespace Telephony.Web.Database;

/// <summary>
/// On PostgreSQL, keeps the monthly partitions of <c>Calls</c> and <c>CallEvents</c> created ahead: the current month
/// and the next <see cref="CallPartitions.MonthsAhead"/>, once at start (after the migrations) and then daily, on every
/// instance (the database serialises instances that run it at once). A call stored in a month with no partition would
/// fail, so the months are there long before they start. Nothing to do on SQLite.
/// </summary>
internal sealed partial class CallPartitionWorker(DatabaseSettings settings, TimeProvider timeProvider, ILogger<CallPartitionWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Creates the missing months; returns how many tables it created.</summary>
    public async Task<int> EnsureOnceAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(settings.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await CallPartitions.EnsureAheadAsync(connection, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    var created = await EnsureOnceAsync(stoppingToken).ConfigureAwait(false);
                    if (created > 0)
                    {
                        LogCreated(logger, created);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Count} monthly partitions of the call tables ahead")]
    private static partial void LogCreated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the monthly partitions of the call tables failed; trying again tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
