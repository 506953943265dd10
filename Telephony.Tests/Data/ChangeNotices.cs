using Telephony.Data.ChangeFeed;

namespace Telephony.Tests.Data;

/// <summary>Waiting on a subscription in tests.</summary>
public static class ChangeNotices
{
    /// <summary>The first notice matching <paramref name="match"/> within <paramref name="timeout"/>; fails the test otherwise.</summary>
    public static async Task<ChangeNotice> NextAsync(this ChangeSubscription subscription, Func<ChangeNotice, bool> match, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await foreach (var notice in subscription.ReadAllAsync(cts.Token))
            {
                if (match(notice))
                {
                    return notice;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"No matching change notice within {timeout.TotalMilliseconds} ms.");
    }

    /// <summary>What arrived within <paramref name="wait"/>.</summary>
    public static async Task<List<ChangeNotice>> DrainAsync(this ChangeSubscription subscription, TimeSpan wait)
    {
        await Task.Delay(wait, TestContext.Current.CancellationToken);
        var notices = new List<ChangeNotice>();
        while (subscription.Reader.TryRead(out var notice))
        {
            notices.Add(notice);
        }

        return notices;
    }
}
