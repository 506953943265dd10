using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Telephony.Data;

namespace Telephony.Web.Localization;

/// <summary>Stores the language a signed-in user picked (one column of their user row; nothing else changes).</summary>
public sealed class LanguagePreference(IDbContextFactory<TelephonyDbContext> contexts)
{
    /// <returns>False when the user no longer exists or the language is not one of the console's.</returns>
    public async Task<bool> SaveAsync(ClaimsPrincipal principal, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (ConsoleLanguages.Normalize(language) is not { } supported || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var updated = await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.Language, supported), cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }
}
