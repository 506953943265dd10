using Telephony.Data.ChangeFeed;
using Telephony.Web.Components.Common;

namespace Telephony.Tests.Components;

/// <summary>What the console's polite live region says: news once, never routine updates.</summary>
public sealed class LiveAnnouncementsTests
{
    [Fact]
    public void A_ringing_call_is_announced_once_and_its_later_updates_are_not()
    {
        var announcements = new LiveAnnouncements();

        Assert.Equal("New call", announcements.Describe([new ChangeNotice(ChangeKinds.Call, "CA1", "Ringing")]));
        Assert.Null(announcements.Describe([new ChangeNotice(ChangeKinds.Call, "CA1", "InProgress")]));
        Assert.Null(announcements.Describe([new ChangeNotice(ChangeKinds.Call, "CA2", "Completed")]));
    }

    [Fact]
    public void Voicemails_and_firing_alerts_are_announced_together_with_a_call()
    {
        var announcements = new LiveAnnouncements();

        var said = announcements.Describe(
        [
            new ChangeNotice(ChangeKinds.Call, "CA1", "Ringing"),
            new ChangeNotice(ChangeKinds.Call, "CA2", "Ringing"),
            new ChangeNotice(ChangeKinds.Voicemail, "7", "New"),
            new ChangeNotice(ChangeKinds.Alert, "3", "Firing"),
            new ChangeNotice(ChangeKinds.Voicemail, "6", "Claimed"),
            new ChangeNotice(ChangeKinds.Error, "1", "Exception"),
        ]);

        Assert.Equal("New call, New voicemail, Alert firing", said);
        Assert.Null(announcements.Describe([new ChangeNotice(ChangeKinds.Alert, "3", "Acknowledged")]));
    }
}
