using Microsoft.EntityFrameworkCore;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Voicemail;

namespace Telephony.Tests.Alerts;

internal static class AlertSeed
{
    /// <summary>Adds <paramref name="count"/> new voicemails (with their calls), received <paramref name="at"/>.</summary>
    public static async Task VoicemailsAsync(TelephonyDbContext db, int count, DateTimeOffset at)
    {
        for (var i = 0; i < count; i++)
        {
            var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            db.Calls.Add(new Call { CallSid = sid, From = "+15145550199", To = "+15145550100", CreatedAt = at, UpdatedAt = at, Status = CallStatus.Completed, ReachedVoicemail = true });
            db.Voicemails.Add(new VoicemailMessage
            {
                Id = Guid.NewGuid(), CallSid = sid, RecordingSid = "RE" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
                RecordingUrl = "https://api.twilio.com/x", CreatedAt = at, State = VoicemailState.New, DurationSeconds = 20,
            });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Archives every waiting voicemail: the backlog clears.</summary>
    public static async Task ClearBacklogAsync(TelephonyDbContext db)
    {
        foreach (var v in await db.Voicemails.Where(v => v.State == VoicemailState.New || v.State == VoicemailState.Claimed).ToListAsync(TestContext.Current.CancellationToken))
        {
            v.State = VoicemailState.Archived;
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
