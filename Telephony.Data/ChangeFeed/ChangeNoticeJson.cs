using System.Text.Json;

namespace Telephony.Data.ChangeFeed;

/// <summary>The NOTIFY payload: a JSON array of notices, kept under PostgreSQL's 8000-byte payload limit.</summary>
internal static class ChangeNoticeJson
{
    public const int MaxPayloadBytes = 7900;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(IReadOnlyList<ChangeNotice> notices)
    {
        var json = JsonSerializer.Serialize(notices, Options);
        if (System.Text.Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes)
        {
            return json;
        }

        // Too many rows for one NOTIFY (a bulk save): say which kinds changed; listeners re-query those views.
        var kinds = notices.Select(n => n.Kind).Distinct(StringComparer.Ordinal).Select(k => new ChangeNotice(k)).ToList();
        return JsonSerializer.Serialize(kinds, Options);
    }

    /// <summary>The notices in <paramref name="payload"/>; a resync when it cannot be read (so nothing is silently missed).</summary>
    public static IReadOnlyList<ChangeNotice> Deserialize(string payload)
    {
        try
        {
            var notices = JsonSerializer.Deserialize<List<ChangeNotice>>(payload, Options);
            return notices is { Count: > 0 } && notices.TrueForAll(n => !string.IsNullOrEmpty(n.Kind)) ? notices : [ChangeNotice.Resync];
        }
        catch (JsonException)
        {
            return [ChangeNotice.Resync];
        }
    }
}
