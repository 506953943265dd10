using Microsoft.EntityFrameworkCore;
using Telephony.Core.Alerts;
using Telephony.Data.Settings;
using Telephony.Web.Provisioning;

namespace Telephony.Web.Settings;

/// <summary>What the Settings page does: validate and save a whole set of thresholds, or put a group back to its defaults.</summary>
public sealed class ThresholdEditing(ThresholdStore store, LiveThresholds live)
{
    /// <summary>
    /// Saves <paramref name="values"/> (every setting, stored units) when they are all valid; otherwise saves nothing and
    /// returns the problems. Each changed setting is audited with its old and new value.
    /// </summary>
    public async Task<ThresholdSaveResult> SaveAsync(IReadOnlyDictionary<string, double> values, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(actor);
        var problems = ThresholdCatalogue.Validate(values);
        if (problems.Count > 0)
        {
            return new ThresholdSaveResult(problems, [], Conflict: false);
        }

        var known = ThresholdCatalogue.All.ToDictionary(s => s.Key, s => values[s.Key]);
        return await StoreAsync(known, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts every setting of <paramref name="group"/> back to its configured value (stored rows removed, audited).</summary>
    public Task<ThresholdSaveResult> ResetAsync(ThresholdGroup group, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var defaults = ThresholdCatalogue.All.Where(s => s.Group == group).ToDictionary(s => s.Key, s => live.Defaults[s.Key]);
        return StoreAsync(defaults, actor, cancellationToken);
    }

    private async Task<ThresholdSaveResult> StoreAsync(Dictionary<string, double> values, AdminActor actor, CancellationToken cancellationToken)
    {
        try
        {
            var changes = await store.SaveAsync(values, live.Defaults, actor.UserId, actor.Email, cancellationToken).ConfigureAwait(false);
            await live.ReloadAsync(cancellationToken).ConfigureAwait(false); // this instance at once; the others hear the change feed
            return new ThresholdSaveResult([], changes, Conflict: false);
        }
        catch (DbUpdateException)
        {
            // Another admin saved the same setting at the same moment: nothing of this save was written.
            await live.ReloadAsync(cancellationToken).ConfigureAwait(false);
            return new ThresholdSaveResult([], [], Conflict: true);
        }
    }
}

/// <summary>The outcome of a save: the problems that stopped it, or what changed; <see cref="Conflict"/> when another save won.</summary>
public sealed record ThresholdSaveResult(IReadOnlyList<ThresholdProblem> Problems, IReadOnlyList<ThresholdChange> Changes, bool Conflict);
