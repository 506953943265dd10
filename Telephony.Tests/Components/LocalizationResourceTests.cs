using System.Text.RegularExpressions;
using System.Xml.Linq;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Components;

/// <summary>
/// The console's resources, read from the source tree: every English resource has a French twin with the same keys
/// (and the same placeholders), and every key a component asks its localizer for exists in its English resource.
/// </summary>
public sealed partial class LocalizationResourceTests
{
    private static readonly string WebProject = Path.Combine(RepositoryRoot.Path, "Telephony.Web");
    private static readonly string Resources = Path.Combine(WebProject, "Resources");
    private static readonly string Components = Path.Combine(WebProject, "Components");

    [Fact]
    public void Every_resource_has_a_french_twin_with_the_same_keys_and_placeholders()
    {
        var files = Directory.GetFiles(Resources, "*.resx", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith(Path.Combine("Components", "Layout", "NavMenu.resx"), StringComparison.Ordinal));
        var problems = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(Resources, file);
            var name = Path.GetFileName(file);
            if (name.EndsWith(".fr.resx", StringComparison.Ordinal))
            {
                if (!File.Exists(file[..^".fr.resx".Length] + ".resx"))
                {
                    problems.Add($"{relative} has no English twin");
                }

                continue;
            }

            if (name.Count(c => c == '.') != 1)
            {
                problems.Add($"{relative}: only English (neutral) and French (.fr) resources are expected");
                continue;
            }

            var twin = file[..^".resx".Length] + ".fr.resx";
            if (!File.Exists(twin))
            {
                problems.Add($"{relative} has no French twin");
                continue;
            }

            var english = Entries(file);
            var french = Entries(twin);
            problems.AddRange(english.Keys.Except(french.Keys).Select(k => $"{relative}: \"{k}\" is missing in French"));
            problems.AddRange(french.Keys.Except(english.Keys).Select(k => $"{relative}: \"{k}\" is only in French"));
            foreach (var (key, value) in french.Where(f => english.ContainsKey(f.Key)))
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{relative}: \"{key}\" has an empty French text");
                }
                else if (!Placeholders(english[key]).SetEquals(Placeholders(value)))
                {
                    problems.Add($"{relative}: \"{key}\" has other placeholders in French: \"{value}\"");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_key_a_component_asks_for_is_in_its_english_resource()
    {
        var sources = Directory.GetFiles(Components, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .ToList();
        var problems = new List<string>();
        var checkedKeys = 0;
        foreach (var source in sources)
        {
            var text = File.ReadAllText(source);
            var relative = Path.GetRelativePath(WebProject, source);
            var typeName = Path.GetFileName(source).Split('.')[0];
            var own = Path.Combine(Path.GetDirectoryName(relative)!, typeName);
            foreach (Match use in LocalizerUse().Matches(text))
            {
                var resource = use.Groups["localizer"].Value == "Shared" ? Path.Combine("Components", "Common", "SharedStrings") : own;
                var resx = Path.Combine(Resources, resource + ".resx");
                var key = Unescape(use.Groups["key"].Value);
                checkedKeys++;
                if (!File.Exists(resx))
                {
                    problems.Add($"{relative} asks for \"{key}\" but Resources/{resource}.resx does not exist");
                }
                else if (!Entries(resx).ContainsKey(key))
                {
                    problems.Add($"{relative} asks for \"{key}\", which is not in Resources/{resource}.resx");
                }
            }

            foreach (Match dynamic in DynamicKey().Matches(text))
            {
                problems.Add($"{relative}: {dynamic.Value}…: keys are literals, so this test (and a translator) can see them");
            }

            // L is the component's own localizer: keys are looked up in its own resource, so it must inject that one.
            if (source.EndsWith(".razor", StringComparison.Ordinal) && OwnLocalizer().Match(text) is { Success: true } injected && injected.Groups[1].Value != typeName)
            {
                problems.Add($"{relative} injects IStringLocalizer<{injected.Groups[1].Value}> as L; it should be IStringLocalizer<{typeName}>");
            }
        }

        Assert.True(checkedKeys > 200, $"only {checkedKeys} localized keys found: is the pattern still right?");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static Dictionary<string, string> Entries(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static string Unescape(string literal) => literal.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    // L["…"] (the component's localizer) or Shared["…"] (SharedStrings), with a literal key.
    [GeneratedRegex("""\b(?<localizer>L|Shared)\[\s*"(?<key>(?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex LocalizerUse();

    [GeneratedRegex("""\b(?:L|Shared)\[\s*[^"\s]""")]
    private static partial Regex DynamicKey();

    [GeneratedRegex(@"@inject\s+IStringLocalizer<(\w+)>\s+L\b")]
    private static partial Regex OwnLocalizer();

    [GeneratedRegex(@"\{\d+(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();
}
