using Microsoft.EntityFrameworkCore;
using Telephony.Data.Infrastructure;

namespace Telephony.Data.Sms;

/// <summary>Inbound messages and each number's opt-out state.</summary>
public sealed class SmsStore(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    /// <summary>Stores the message (once per MessageSid) and, for STOP/START keywords, the opt-out state.</summary>
    public async Task RecordInboundAsync(InboundSms message, bool? optOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = timeProvider.GetUtcNow();
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await db.SmsMessages.AnyAsync(m => m.MessageSid == message.MessageSid, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            db.SmsMessages.Add(new SmsMessage
            {
                MessageSid = message.MessageSid,
                From = message.From,
                To = message.To,
                Body = message.Body.Length > 1600 ? message.Body[..1600] : message.Body,
                Keyword = message.Keyword,
                Direction = "inbound",
                ReceivedAt = message.ReceivedAt ?? now,
            });

            if (optOut is { } opted)
            {
                var state = await db.SmsOptOuts.FirstOrDefaultAsync(o => o.PhoneNumber == message.From, cancellationToken).ConfigureAwait(false);
                if (state is null)
                {
                    db.SmsOptOuts.Add(new SmsOptOut { PhoneNumber = message.From, OptedOut = opted, ChangedAt = now });
                }
                else
                {
                    state.OptedOut = opted;
                    state.ChangedAt = now;
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Twilio delivered the same message twice at once; the first one won.
            }
        }
    }

    /// <summary>
    /// Deletes the SMS messages received before <paramref name="before"/> (retention), <paramref name="batchSize"/> per
    /// statement (<see cref="BatchedDelete"/>); returns how many. Opt-outs are kept: a STOP must keep holding.
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken, int batchSize = BatchedDelete.DefaultBatchSize)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await BatchedDelete.RunAsync(db, () => db.SmsMessages
                .Where(m => db.SmsMessages.Where(x => x.ReceivedAt < before).OrderBy(x => x.Id).Select(x => x.Id).Take(batchSize).Contains(m.Id))
                .ExecuteDeleteAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> IsOptedOutAsync(string phoneNumber, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.SmsOptOuts.AnyAsync(o => o.PhoneNumber == phoneNumber && o.OptedOut, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>An inbound SMS as parsed from Twilio's webhook.</summary>
public sealed record InboundSms(string MessageSid, string From, string To, string Body, string? Keyword)
{
    /// <summary>When the message arrived, if not now (a webhook replayed from the journal).</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}
