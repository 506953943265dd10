using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Telephony.Web.Localization;

/// <summary>
/// Before anyone signs in, the browser's <c>Accept-Language</c> decides: the most preferred of its languages that is
/// French (any region, so "fr-FR" and "fr" read in Canadian French) or English.
/// </summary>
public sealed class AcceptLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!StringWithQualityHeaderValue.TryParseList(httpContext.Request.Headers.AcceptLanguage, out var values))
        {
            return NullProviderCultureResult;
        }

        var language = values
            .Where(v => (v.Quality ?? 1) > 0)
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => ConsoleLanguages.Normalize(v.Value.Value))
            .FirstOrDefault(l => l is not null);
        return language is null ? NullProviderCultureResult : Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language));
    }
}
