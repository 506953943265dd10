using System.Diagnostics;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// The span of one group-commit batch. A batch serves several requests, so it is a child of the first one's span and
/// links to the others': the database spans inside it show up in a webhook's trace, and every waiting request can find it.
/// </summary>
internal static class GroupCommitTracing
{
    private static readonly ActivitySource Source = new(DataTracing.SourceName);

    /// <summary>The batch's span, or null (at no cost) when nobody traces.</summary>
    public static Activity? StartBatch<TEntry, TResult>(string name, IReadOnlyList<GroupCommitItem<TEntry, TResult>> batch)
    {
        if (!Source.HasListeners() || batch.Count == 0)
        {
            return null;
        }

        List<ActivityLink>? links = null;
        for (var i = 1; i < batch.Count; i++)
        {
            if (batch[i].Parent is { } context && context != default)
            {
                (links ??= []).Add(new ActivityLink(context));
            }
        }

        var activity = Source.StartActivity(name, ActivityKind.Internal, batch[0].Parent ?? default, links: links);
        activity?.SetTag("telephony.batch.size", batch.Count);
        return activity;
    }
}
