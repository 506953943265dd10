using Npgsql;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Web.Hosting;

namespace Telephony.Web.Database;

/// <summary>
/// On PostgreSQL, keeps the monthly partitions of <c>Calls</c> and <c>CallEvents</c> created ahead: the current month
/// and the next <see cref="CallPartitions.MonthsAhead"/>, once at start (after the migrations) and then daily, on every
/// instance (the database serialises instances that run it at once). A call stored in a month with no partition would
/// fail, so the months are there long before they start. Nothing to do on SQLite.
/// </summary>
internal sealed partial class CallPartitionWorker(DatabaseSettings settings, TimeProvider timeProvider, ILogger<CallPartitionWorker> logger)
    : PeriodicWorker(timeProvider)
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override TimeSpan Period => Interval;

    protected override bool Enabled => settings.Provider == DatabaseProvider.Postgres;

    /// <summary>Creates the missing months; returns how many tables it created.</summary>
    public async Task<int> EnsureOnceAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(settings.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await CallPartitions.EnsureAheadAsync(connection, Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var created = await EnsureOnceAsync(cancellationToken).ConfigureAwait(false);
        if (created > 0)
        {
            LogCreated(logger, created);
        }
    }

    protected override void LogFailure(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Count} monthly partitions of the call tables ahead")]
    private static partial void LogCreated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the monthly partitions of the call tables failed; trying again tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
