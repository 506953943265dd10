using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Telephony.Web.Localization;

/// <summary>
/// The localizer of a type's resource pair for code that has nothing injected (static helpers): the same resources
/// <c>IStringLocalizer&lt;T&gt;</c> reads, looked up in the current UI culture at each call.
/// </summary>
public static class StaticLocalizer
{
    private static readonly ResourceManagerStringLocalizerFactory Factory = new(
        Options.Create(new LocalizationOptions { ResourcesPath = LocalizationServiceExtensions.ResourcesPath }), NullLoggerFactory.Instance);

    public static IStringLocalizer For(Type type) => Factory.Create(type);
}
