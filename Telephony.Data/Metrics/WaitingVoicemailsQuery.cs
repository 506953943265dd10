using Microsoft.EntityFrameworkCore;
using Telephony.Data.Voicemail;

namespace Telephony.Data.Metrics;

internal static class WaitingVoicemailsQuery
{
    public static async Task<IReadOnlyList<WaitingVoicemail>> RunAsync(TelephonyDbContext db, int take, CancellationToken cancellationToken)
    {
        // The oldest first, from the (State, CreatedAt) index; the caller comes from the call that left it.
        var rows =
            from v in db.Voicemails.AsNoTracking()
            where v.State == VoicemailState.New || v.State == VoicemailState.Claimed
            join c in db.Calls on v.CallSid equals c.CallSid into calls
            from c in calls.DefaultIfEmpty()
            orderby v.CreatedAt, v.Id
            select new WaitingVoicemail(v.Id, c == null ? null : c.From, v.CreatedAt, v.State);
        return await rows.Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
