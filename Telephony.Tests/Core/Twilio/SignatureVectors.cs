using System.Text.Json;

namespace Telephony.Tests.Core.Twilio;

/// <summary>Twilio's published signature vectors (<c>signature-vectors.json</c> beside this file, copied to the output).</summary>
public static class SignatureVectors
{
    private static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "Core", "Twilio", "signature-vectors.json");

    private static readonly Lazy<(string AuthToken, IReadOnlyList<SignatureVector> Vectors)> Loaded = new(Load);

    public static string AuthToken => Loaded.Value.AuthToken;

    public static IReadOnlyList<SignatureVector> All => Loaded.Value.Vectors;

    public static SignatureVector Named(string name) => All.Single(v => v.Name == name);

    public static TheoryData<string> FormNames() => new(All.Where(v => v.Body is null).Select(v => v.Name));

    public static TheoryData<string> JsonNames() => new(All.Where(v => v.Body is not null).Select(v => v.Name));

    public static TheoryData<string> AllNames() => new(All.Select(v => v.Name));

    private static (string, IReadOnlyList<SignatureVector>) Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(FilePath));
        var root = json.RootElement;
        var vectors = root.GetProperty("vectors").EnumerateArray().Select(v => new SignatureVector(
            v.GetProperty("name").GetString()!,
            v.GetProperty("signedUrl").GetString()!,
            v.TryGetProperty("params", out var ps)
                ? ps.EnumerateArray().Select(p => KeyValuePair.Create(p[0].GetString()!, p[1].GetString()!)).ToList()
                : [],
            v.TryGetProperty("body", out var body) ? body.GetString() : null,
            v.GetProperty("signature").GetString()!)).ToList();
        if (vectors.Count == 0)
        {
            throw new InvalidOperationException("The signature vectors file holds no vectors.");
        }

        return (root.GetProperty("authToken").GetString()!, vectors);
    }
}

public sealed record SignatureVector(
    string Name,
    string SignedUrl,
    IReadOnlyList<KeyValuePair<string, string>> Params,
    string? Body,
    string Signature);
