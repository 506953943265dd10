using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telephony.Web.Auth;
using Telephony.Web.Localization;

namespace Telephony.Web.Components.Common;

/// <summary>
/// Words many components use (Save, Cancel, roles, statuses, durations): <c>Resources/Components/Common/SharedStrings.resx</c>
/// and its French twin, read with <c>IStringLocalizer&lt;SharedStrings&gt;</c> or, where nothing is injected (static
/// formatting helpers, validation attributes), with <see cref="Localizer"/>. Both follow the current UI culture.
/// </summary>
public sealed class SharedStrings
{
    private static readonly Lazy<IStringLocalizer> Instance = new(() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = LocalizationServiceExtensions.ResourcesPath }), NullLoggerFactory.Instance)
            .Create(typeof(SharedStrings)));

    private SharedStrings()
    {
    }

    public static IStringLocalizer Localizer => Instance.Value;

    /// <summary>A role's name as people read it ("Admin", "Support"; « Administrateur », « Soutien »).</summary>
    public static string Role(string role) => role switch
    {
        Roles.Admin => Shared["Admin"],
        Roles.Support => Shared["Support"],
        _ => role,
    };

    private static IStringLocalizer Shared => Localizer;
}
