namespace Telephony.Core.Twilio;

/// <summary>
/// String-level URL helpers. <see cref="Uri"/> is avoided on purpose: it lower-cases the host and
/// drops default ports, and Twilio signs the URL exactly as it was configured.
/// </summary>
internal static class TwilioUrl
{
    /// <summary>The URL as given, plus the same URL with the default port added or removed.</summary>
    public static IReadOnlyList<string> PortVariants(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return [url];
        }

        var scheme = url[..schemeEnd];
        var defaultPort = scheme.ToUpperInvariant() switch
        {
            "HTTPS" => "443",
            "HTTP" => "80",
            _ => null,
        };
        if (defaultPort is null)
        {
            return [url];
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[authorityStart..authorityEnd];
        var hostStart = authority.LastIndexOf('@') + 1;
        var portColon = authority.LastIndexOf(':');
        var ipv6End = authority.LastIndexOf(']');
        var hasPort = portColon >= hostStart && portColon > ipv6End;

        string variantAuthority;
        if (!hasPort)
        {
            variantAuthority = authority + ":" + defaultPort;
        }
        else if (authority[(portColon + 1)..] == defaultPort)
        {
            variantAuthority = authority[..portColon];
        }
        else
        {
            return [url];
        }

        return [url, url[..authorityStart] + variantAuthority + url[authorityEnd..]];
    }

    /// <summary>The first value of <paramref name="name"/> in the URL's query, unescaped.</summary>
    public static string? QueryValue(string url, string name)
    {
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return null;
        }

        var fragment = url.IndexOf('#', queryStart);
        var query = fragment < 0 ? url[(queryStart + 1)..] : url[(queryStart + 1)..fragment];
        foreach (var part in query.Split('&'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            if (key == name)
            {
                return eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
