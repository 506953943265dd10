using System.Xml.Linq;

namespace Telephony.Tests.Core.Calls;

/// <summary>Reads TwiML for assertions: verbs and attributes, never whole-document strings.</summary>
internal static class TwiML
{
    public static XElement Parse(string twiml)
    {
        var root = XDocument.Parse(twiml).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root;
    }

    public static IReadOnlyList<string> Verbs(string twiml) => Parse(twiml).Elements().Select(e => e.Name.LocalName).ToList();

    public static XElement Single(string twiml, string verb) => Assert.Single(Parse(twiml).Elements(verb));

    public static string? Attr(this XElement e, string name) => e.Attribute(name)?.Value;

    public static IReadOnlyDictionary<string, string> Query(string url)
    {
        var query = new Uri(url).Query.TrimStart('?');
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty));
    }

    public static string Path(string url) => new Uri(url).AbsolutePath;
}
