using System.Text.Json.Serialization;

namespace Telephony.Web.Api;

/// <summary>A newest-first page of the read API: its items and the link to the next page, absent on the last page.</summary>
public sealed record ApiPage<T>(
    IReadOnlyList<T> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next);
