namespace Telephony.Data.Infrastructure;

/// <summary>
/// Deletes rows a batch at a time: each statement removes at most a batch of rows in its own transaction, so no delete
/// holds locks for long or writes an unbounded amount of WAL, and instances running the same delete at once only share
/// the work (a row another instance removed first is skipped, never an error).
/// </summary>
internal static class BatchedDelete
{
    /// <summary>The batch the retention deletes use unless told otherwise.</summary>
    public const int DefaultBatchSize = 5_000;

    /// <summary>
    /// Runs <paramref name="deleteBatch"/> (one statement deleting at most one batch) until it deletes nothing; on
    /// SQLite each statement queues on the process's write gate like any save. Returns how many rows went.
    /// </summary>
    public static async Task<int> RunAsync(TelephonyDbContext db, Func<Task<int>> deleteBatch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            int deleted;
            using (await SqliteWriteGate.EnterAsync(db, cancellationToken).ConfigureAwait(false))
            {
                deleted = await deleteBatch().ConfigureAwait(false);
            }

            if (deleted == 0)
            {
                return total;
            }

            total += deleted;
        }
    }
}
