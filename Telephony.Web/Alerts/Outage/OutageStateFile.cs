using System.Text.Json;

namespace Telephony.Web.Alerts.Outage;

/// <summary>
/// The outage pager's incidents as one small JSON file in the instance's own journal folder (never shared with another
/// instance), replaced atomically on every change. Holds condition names, times and target names: no secret.
/// </summary>
internal sealed class OutageStateFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = path;

    public List<OutageIncident> Load()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<OutageIncident>>(File.ReadAllText(Path), Json) ?? [];
        }
        catch (JsonException)
        {
            // A file torn by a crash mid-write cannot happen (rename), but a hand-edited one can: start afresh.
            return [];
        }
    }

    public void Save(IReadOnlyList<OutageIncident> incidents)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, incidents, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
