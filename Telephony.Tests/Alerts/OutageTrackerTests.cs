using Telephony.Core.Alerts;

namespace Telephony.Tests.Alerts;

public sealed class OutageTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private static readonly OutageObservation Database = new(OutageConditions.DatabaseUnreachable, "The database does not answer.");

    private readonly OutageTracker tracker = new(TimeSpan.FromMinutes(5));

    [Fact]
    public void A_condition_pages_once_when_it_has_lasted_the_delay_and_not_before()
    {
        Assert.Empty(tracker.Observe(T0, [Database]));
        Assert.Empty(tracker.Observe(T0.AddMinutes(4.9), [Database]));

        var page = Assert.Single(tracker.Observe(T0.AddMinutes(5), [Database]));

        Assert.Equal((OutageConditions.DatabaseUnreachable, true, T0), (page.Condition, page.Firing, page.Since));
        Assert.Empty(tracker.Observe(T0.AddMinutes(6), [Database]));
        Assert.Equal([OutageConditions.DatabaseUnreachable], tracker.Paged);
    }

    [Fact]
    public void A_paged_condition_that_clears_resolves_once()
    {
        tracker.Observe(T0, [Database]);
        tracker.Observe(T0.AddMinutes(5), [Database]);

        var resolve = Assert.Single(tracker.Observe(T0.AddMinutes(7), []));

        Assert.Equal((OutageConditions.DatabaseUnreachable, false, T0, T0.AddMinutes(7)), (resolve.Condition, resolve.Firing, resolve.Since, resolve.At));
        Assert.Empty(tracker.Observe(T0.AddMinutes(8), []));
        Assert.Empty(tracker.Paged);
    }

    [Fact]
    public void A_condition_that_clears_before_the_delay_never_pages_and_a_new_one_starts_its_own_clock()
    {
        tracker.Observe(T0, [Database]);
        Assert.Empty(tracker.Observe(T0.AddMinutes(4), []));

        Assert.Empty(tracker.Observe(T0.AddMinutes(6), [Database]));
        Assert.Empty(tracker.Observe(T0.AddMinutes(10.9), [Database]));
        Assert.Single(tracker.Observe(T0.AddMinutes(11), [Database]));
    }

    [Fact]
    public void Conditions_page_and_resolve_independently()
    {
        var changeFeed = new OutageObservation(OutageConditions.ChangeFeedDown, "lost");
        tracker.Observe(T0, [Database]);
        tracker.Observe(T0.AddMinutes(2), [Database, changeFeed]);

        Assert.Equal([OutageConditions.DatabaseUnreachable], tracker.Observe(T0.AddMinutes(5), [Database, changeFeed]).Select(t => t.Condition));
        Assert.Equal([(OutageConditions.DatabaseUnreachable, false)], tracker.Observe(T0.AddMinutes(6), [changeFeed]).Select(t => (t.Condition, t.Firing)));
        Assert.Equal([(OutageConditions.ChangeFeedDown, true)], tracker.Observe(T0.AddMinutes(7), [changeFeed]).Select(t => (t.Condition, t.Firing)));
    }

    [Fact]
    public void After_a_restart_a_paged_condition_does_not_page_again_and_its_clearing_resolves()
    {
        tracker.Restore(OutageConditions.DatabaseUnreachable, T0, "The database does not answer.");

        Assert.Empty(tracker.Observe(T0.AddMinutes(30), [Database]));
        var resolve = Assert.Single(tracker.Observe(T0.AddMinutes(31), []));
        Assert.Equal((false, T0), (resolve.Firing, resolve.Since));
    }

    [Fact]
    public void The_dedup_key_is_the_source_and_the_condition_so_every_instance_sends_the_same()
    {
        Assert.Equal("telephony-hotline:database-unreachable", OutageConditions.DedupKey("telephony-hotline", OutageConditions.DatabaseUnreachable));
    }
}
