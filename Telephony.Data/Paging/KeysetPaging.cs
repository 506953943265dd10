namespace Telephony.Data.Paging;

/// <summary>Page sizes and the cut of a page from the rows read (every keyset-paged list uses these).</summary>
public static class KeysetPaging
{
    /// <summary>The page size when the client names none.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page a client may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>
    /// The page from up to <paramref name="limit"/> + 1 rows read in order: the extra row only says that another page exists,
    /// and the next page starts after the last row kept.
    /// </summary>
    public static KeysetPage<T> Cut<T>(IReadOnlyList<T> rows, int limit, Func<T, KeysetCursor> cursorOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cursorOf);
        if (rows.Count <= limit)
        {
            return new KeysetPage<T>(rows, null);
        }

        var items = rows.Take(limit).ToList();
        return new KeysetPage<T>(items, cursorOf(items[^1]));
    }
}
