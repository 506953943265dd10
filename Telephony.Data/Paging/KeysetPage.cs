namespace Telephony.Data.Paging;

/// <summary>One newest-first page and the cursor of the next one (null on the last page).</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, KeysetCursor? Next);
