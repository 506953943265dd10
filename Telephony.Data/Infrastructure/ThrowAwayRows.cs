using Microsoft.EntityFrameworkCore;
using Telephony.Data.RateLimiting;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// Deletes every row that webhooks of the given calls, callers and messages left: the start-up warm-up's throw-away calls,
/// which no console, report or metric may show. SMS opt-outs are never deleted here: the throw-away messages ask for
/// HELP, which records none, and an opt-out is a caller's standing instruction.
/// </summary>
public static class ThrowAwayRows
{
    public static async Task<int> DeleteAsync(
        IDbContextFactory<TelephonyDbContext> contexts, IReadOnlyCollection<string> callSids, IReadOnlyCollection<string> callers, IReadOnlyCollection<string> messageSids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var calls = callSids.ToList();
            var numbers = callers.ToList();
            var counterKeys = numbers.Concat(numbers.Select(n => RateLimitStore.SmsReplyPrefix + n)).ToList();
            var messages = messageSids.ToList();
            var deleted = 0;
            deleted += await db.CallEvents.Where(e => calls.Contains(e.CallSid)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            deleted += await db.ConsentRecords.Where(c => calls.Contains(c.CallSid)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            deleted += await db.Voicemails.Where(v => calls.Contains(v.CallSid)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            deleted += await db.WebhookErrors.Where(e => e.CallSid != null && calls.Contains(e.CallSid)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            deleted += await db.RateLimitViolations.Where(v => numbers.Contains(v.CallerNumber) || (v.CallSid != null && calls.Contains(v.CallSid))).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            deleted += await db.RateLimitCounters.Where(c => counterKeys.Contains(c.Key)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            deleted += await db.SmsMessages.Where(m => messages.Contains(m.MessageSid)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            deleted += await db.Calls.Where(c => calls.Contains(c.CallSid)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
    }
}
