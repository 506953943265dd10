using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Data.Paging;

namespace Telephony.Web.Api;

/// <summary>
/// The read API's query parameters, parsed by hand so that each bad one is named in a <c>400</c> problem (<c>errors</c> keyed
/// by the parameter) instead of failing binding; and the <c>next</c> link that carries the filters on with the new cursor.
/// </summary>
public sealed class ReadQuery
{
    public const string CursorParameter = "cursor";
    public const string LimitParameter = "limit";

    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    public ValidationProblem Problem() =>
        TypedResults.ValidationProblem(errors, detail: "Invalid query parameter: " + string.Join(", ", errors.Keys) + ".");

    /// <summary>An ISO 8601 time (<c>2026-12-01</c>, <c>2026-12-01T14:00:00Z</c>); UTC unless it carries an offset.</summary>
    public DateTimeOffset? Time(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"'{Shorten(value)}' is not an ISO 8601 date or time (e.g. 2026-12-01 or 2026-12-01T14:00:00Z)."];
        return null;
    }

    /// <summary>One of <typeparamref name="TEnum"/>'s wire names (<see cref="WireNames"/>).</summary>
    public TEnum? Name<TEnum>(string name, string? value)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (WireNames.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        errors[name] = [$"'{Shorten(value)}' is not one of: {WireNames.All<TEnum>()}."];
        return null;
    }

    /// <summary>The page size: <see cref="KeysetPaging.DefaultLimit"/> when absent, else 1 to <see cref="KeysetPaging.MaxLimit"/>.</summary>
    public int Limit(string? value)
    {
        if (value is null)
        {
            return KeysetPaging.DefaultLimit;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= KeysetPaging.MaxLimit)
        {
            return limit;
        }

        errors[LimitParameter] = [$"A whole number from 1 to {KeysetPaging.MaxLimit}."];
        return KeysetPaging.DefaultLimit;
    }

    /// <summary>A cursor from an earlier page's <c>next</c> link.</summary>
    public KeysetCursor? Cursor(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (KeysetCursor.TryDecode(value, out var cursor))
        {
            return cursor;
        }

        errors[CursorParameter] = ["Not a cursor from a 'next' link of this list."];
        return null;
    }

    /// <summary>This request's path and query with <c>cursor</c> set to <paramref name="next"/>; null on the last page.</summary>
    public static string? NextLink(HttpRequest request, KeysetCursor? next)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (next is not { } cursor)
        {
            return null;
        }

        var query = request.Query
            .Where(p => !string.Equals(p.Key, CursorParameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>(CursorParameter, cursor.Encode()));
        return request.PathBase + request.Path + QueryString.Create(query);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
