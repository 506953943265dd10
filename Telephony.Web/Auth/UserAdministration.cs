using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telephony.Data.Audit;
using Telephony.Data.Identity;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Auth;

/// <summary>What the Users page does: list, add, change role, disable and enable. Every change is audited (who made it; never the password).</summary>
public sealed class UserAdministration(UserManager<AppUser> users, AdminAuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
            var lockedOut = user.LockoutEnd is { } end && end > time.GetUtcNow();
            result.Add(new UserSummary(user.Id, user.Email ?? "", user.DisplayName, roles.Contains(Roles.Admin) ? Roles.Admin : Roles.Support, user.Disabled, lockedOut));
        }

        return result;
    }

    /// <summary>Adds a user; <paramref name="by"/> is the admin doing it (null: the app itself, e.g. a setup script).</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(string email, string? displayName, string password, string role, AdminActor? by = null)
    {
        if (!Roles.All.Contains(role))
        {
            return [$"Unknown role '{role}'."];
        }

        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = displayName, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => e.Description).ToList();
        }

        var added = await users.AddToRoleAsync(user, role).ConfigureAwait(false);
        await AuditAsync(by, "user-create", user.Email, $"role {role}", added.Succeeded).ConfigureAwait(false);
        return added.Errors.Select(e => e.Description).ToList();
    }

    public async Task<IReadOnlyList<string>> SetRoleAsync(string userId, string role, AdminActor? by = null)
    {
        if (!Roles.All.Contains(role))
        {
            return [$"Unknown role '{role}'."];
        }

        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return ["That user no longer exists."];
        }

        var current = await users.GetRolesAsync(user).ConfigureAwait(false);
        if (current.Contains(Roles.Admin) && role != Roles.Admin && await IsLastAdminAsync(user).ConfigureAwait(false))
        {
            return ["At least one admin must remain."];
        }

        var removed = await users.RemoveFromRolesAsync(user, current).ConfigureAwait(false);
        if (!removed.Succeeded)
        {
            return removed.Errors.Select(e => e.Description).ToList();
        }

        var added = await users.AddToRoleAsync(user, role).ConfigureAwait(false);
        // A role change must take effect on the user's open sessions at their next request.
        await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        await AuditAsync(by, "user-role-change", user.Email, $"{string.Join("+", current)} -> {role}", added.Succeeded).ConfigureAwait(false);
        return added.Errors.Select(e => e.Description).ToList();
    }

    private Task AuditAsync(AdminActor? by, string action, string? target, string detail, bool succeeded) =>
        succeeded ? audit.RecordAsync(by?.UserId, by?.Email ?? "system", action, target, detail, CancellationToken.None) : Task.CompletedTask;

    /// <summary>
    /// Disables (or re-enables) a user. Disabling locks the account for good and changes the security stamp, so every
    /// session of that user, cookies and open consoles alike, ends at its next check (<c>Security:SessionRevalidationInterval</c>).
    /// </summary>
    public async Task<IReadOnlyList<string>> SetDisabledAsync(string userId, bool disabled, string? actingUserId, AdminActor? by = null)
    {
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return ["That user no longer exists."];
        }

        if (disabled && user.Id == actingUserId)
        {
            return ["You cannot disable your own account."];
        }

        if (disabled && await users.IsInRoleAsync(user, Roles.Admin).ConfigureAwait(false) && await IsLastAdminAsync(user).ConfigureAwait(false))
        {
            return ["At least one admin must remain."];
        }

        user.Disabled = disabled;
        user.LockoutEnabled = true;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        user.AccessFailedCount = 0;
        var updated = await users.UpdateAsync(user).ConfigureAwait(false);
        if (!updated.Succeeded)
        {
            return updated.Errors.Select(e => e.Description).ToList();
        }

        var stamped = await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        await AuditAsync(by, disabled ? "user-disable" : "user-enable", user.Email, disabled ? "disabled; signed out everywhere" : "enabled", stamped.Succeeded).ConfigureAwait(false);
        return stamped.Errors.Select(e => e.Description).ToList();
    }

    private async Task<bool> IsLastAdminAsync(AppUser user)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin).ConfigureAwait(false);
        return admins.Count == 1 && admins[0].Id == user.Id;
    }
}

/// <summary>One row of the Users page.</summary>
public sealed record UserSummary(string Id, string Email, string? DisplayName, string Role, bool Disabled, bool LockedOut);
