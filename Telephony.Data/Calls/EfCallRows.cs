using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Telephony.Data.Consent;

namespace Telephony.Data.Calls;

/// <summary>The rows of call work in an EF Core context: loaded with <see cref="LoadAsync"/>, written by its <c>SaveChanges</c>.</summary>
internal sealed class EfCallRows(TelephonyDbContext db) : ICallRows
{
    // Reading DbSet.Local runs DetectChanges over every tracked entity; the view is live, so it is read once.
    private readonly LocalView<Call> calls = db.Calls.Local;

    public Call? Find(string callSid) => calls.FindEntry(callSid)?.Entity;

    public void Add(Call newCall) => db.Calls.Add(newCall);

    public void AddEvent(CallEvent callEvent) => db.CallEvents.Add(callEvent);

    public void AddConsent(ConsentRecord record) => db.ConsentRecords.Add(record);

    /// <summary>Tracks the calls <paramref name="work"/> names and their parents: one query, and one more for parents only the stored rows name.</summary>
    public static async Task LoadAsync(TelephonyDbContext db, IEnumerable<CallWork> work, CancellationToken cancellationToken)
    {
        var sids = work.SelectMany(w => new[] { w.CallSid, w.ParentCallSid }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        await db.Calls.Where(c => sids.Contains(c.CallSid)).LoadAsync(cancellationToken).ConfigureAwait(false);
        var local = db.Calls.Local;
        var parents = local.Select(c => c.ParentCallSid).OfType<string>()
            .Where(p => local.FindEntry(p) is null).Distinct(StringComparer.Ordinal).ToList();
        if (parents.Count > 0)
        {
            await db.Calls.Where(c => parents.Contains(c.CallSid)).LoadAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
