using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Telephony.Data.Audit;
using Telephony.Data.Identity;

namespace Telephony.Data.Voicemail;

/// <summary>The voicemail inbox: listing with search, and the triage moves (claim, release, called back, archive).</summary>
/// <remarks>Each move checks the row's version, so two people acting on one voicemail cannot both win.</remarks>
public sealed class VoicemailInbox(IDbContextFactory<TelephonyDbContext> contextFactory, TimeProvider timeProvider)
{
    public const int MaxRows = 500;

    private static readonly TimeSpan AuditCoalescing = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<VoicemailRow>> ListAsync(VoicemailFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var list = await Joined(db, filter).OrderByDescending(r => r.V.CreatedAt).Take(MaxRows).ToListAsync(cancellationToken).ConfigureAwait(false);
            return list.Select(ToRow).ToList();
        }
    }

    /// <summary>Every voicemail matching <paramref name="filter"/>, newest first and unbounded, read as the caller consumes them (for the CSV export).</summary>
    public async IAsyncEnumerable<VoicemailRow> StreamAsync(VoicemailFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = Joined(db, filter).OrderByDescending(r => r.V.CreatedAt).ThenBy(r => r.V.Id).AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return ToRow(row);
            }
        }
    }

    public Task<InboxOutcome> ClaimAsync(Guid id, Guid version, string userId, CancellationToken cancellationToken) =>
        MoveAsync(id, version, v => v.State == VoicemailState.New || (v.State == VoicemailState.Claimed && v.AssigneeUserId != userId), (v, now) =>
        {
            v.State = VoicemailState.Claimed;
            v.AssigneeUserId = userId;
            v.ClaimedAt = now;
        }, cancellationToken);

    /// <summary>Hands a voicemail to a colleague (or takes it back to the queue with a null assignee).</summary>
    public Task<InboxOutcome> AssignAsync(Guid id, Guid version, string? assigneeUserId, CancellationToken cancellationToken) =>
        MoveAsync(id, version, v => v.State is VoicemailState.New or VoicemailState.Claimed, (v, now) =>
        {
            v.AssigneeUserId = assigneeUserId;
            v.State = assigneeUserId is null ? VoicemailState.New : VoicemailState.Claimed;
            v.ClaimedAt = assigneeUserId is null ? null : now;
        }, cancellationToken);

    /// <summary>The people a voicemail can be assigned to: every enabled console user.</summary>
    public async Task<IReadOnlyList<Assignee>> ListAssigneesAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Set<AppUser>().AsNoTracking()
                .Where(u => !u.Disabled && u.Email != null)
                .OrderBy(u => u.Email)
                .Select(u => new Assignee(u.Id, u.Email!))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<InboxOutcome> ReleaseAsync(Guid id, Guid version, CancellationToken cancellationToken) =>
        MoveAsync(id, version, v => v.State == VoicemailState.Claimed, (v, _) =>
        {
            v.State = VoicemailState.New;
            v.AssigneeUserId = null;
            v.ClaimedAt = null;
        }, cancellationToken);

    public Task<InboxOutcome> MarkCalledBackAsync(Guid id, Guid version, string userId, string? note, CancellationToken cancellationToken) =>
        MoveAsync(id, version, v => v.State is VoicemailState.New or VoicemailState.Claimed, (v, now) =>
        {
            v.State = VoicemailState.CalledBack;
            v.AssigneeUserId ??= userId;
            v.CalledBackAt = now;
            v.CallbackNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 2000)];
        }, cancellationToken);

    public Task<InboxOutcome> ArchiveAsync(Guid id, Guid version, CancellationToken cancellationToken) =>
        MoveAsync(id, version, v => v.State != VoicemailState.Archived, (v, now) =>
        {
            v.State = VoicemailState.Archived;
            v.ArchivedAt = now;
        }, cancellationToken);

    /// <summary>The stored audio of a voicemail, after writing who is about to hear or download it (audit first).</summary>
    public async Task<string?> OpenAudioAsync(Guid id, string userId, string userEmail, RecordingAccessAction action, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var voicemail = await db.Voicemails.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken).ConfigureAwait(false);
            if (voicemail is not { AudioStatus: AudioStatus.Fetched, AudioPath: not null })
            {
                return null;
            }

            // Every request is covered by an audit row; the few range requests one play makes share one row a minute.
            var now = timeProvider.GetUtcNow();
            var recent = now - AuditCoalescing;
            var covered = await db.RecordingAccesses.AnyAsync(
                a => a.VoicemailId == id && a.UserId == userId && a.Action == action && a.At >= recent, cancellationToken).ConfigureAwait(false);
            if (!covered)
            {
                db.RecordingAccesses.Add(new RecordingAccess { VoicemailId = id, UserId = userId, UserEmail = userEmail, Action = action, At = now });
                // The same access in the admin audit log, so the audit page shows every play and download beside the other admin actions.
                db.AdminAuditEntries.Add(AdminAuditLog.Entry(
                    userId, userEmail, action == RecordingAccessAction.Download ? "recording-download" : "recording-play", voicemail.RecordingSid, $"voicemail {id}", now));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            return voicemail.AudioPath;
        }
    }

    private async Task<InboxOutcome> MoveAsync(Guid id, Guid version, Func<VoicemailMessage, bool> allowed, Action<VoicemailMessage, DateTimeOffset> move, CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var voicemail = await db.Voicemails.FirstOrDefaultAsync(v => v.Id == id, cancellationToken).ConfigureAwait(false);
            if (voicemail is null)
            {
                return InboxOutcome.NotFound;
            }

            if (voicemail.Version != version)
            {
                return InboxOutcome.Stale;
            }

            if (!allowed(voicemail))
            {
                return InboxOutcome.NotAllowed;
            }

            move(voicemail, timeProvider.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return InboxOutcome.Done;
            }
            catch (DbUpdateConcurrencyException)
            {
                return InboxOutcome.Stale;
            }
        }
    }

    private static IQueryable<InboxJoin> Joined(TelephonyDbContext db, VoicemailFilter filter)
    {
        var query = db.Voicemails.AsNoTracking();
        if (filter.States is { Count: > 0 } states)
        {
            query = query.Where(v => states.Contains(v.State));
        }

        if (filter.Since is { } since)
        {
            query = query.Where(v => v.CreatedAt >= since);
        }

        var rows =
            from v in query
            join c in db.Calls on v.CallSid equals c.CallSid into calls
            from c in calls.DefaultIfEmpty()
            join u in db.Set<AppUser>() on v.AssigneeUserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            select new InboxJoin { V = v, Caller = c == null ? null : c.From, Language = c == null ? null : c.Language, Assignee = u == null ? null : u.Email };

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Parameterised and case-insensitive on both providers; SQL metacharacters are plain text here.
            var term = filter.Search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(); culture overloads do not translate.
            rows = rows.Where(r => (r.V.Transcript != null && r.V.Transcript.ToLower().Contains(term)) || (r.Caller != null && r.Caller.Contains(term)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return rows;
    }

    private static VoicemailRow ToRow(InboxJoin r) => new(
        r.V.Id, r.V.CallSid, r.V.RecordingSid, r.Caller, r.Language, r.V.CreatedAt, r.V.DurationSeconds, r.V.Transcript, r.V.TranscriptStatus,
        r.V.State, r.V.AssigneeUserId, r.Assignee, r.V.AudioStatus, r.V.LastFetchError, r.V.CallbackNote, r.V.CalledBackAt, r.V.Version)
    {
        RecordingDeletedAt = r.V.RecordingDeletedAt,
        RecordingDeletedBy = r.V.RecordingDeletedBy,
    };

    /// <summary>A voicemail joined with its call's caller and language and its assignee's email.</summary>
    private sealed class InboxJoin
    {
        public VoicemailMessage V { get; init; } = null!;

        public string? Caller { get; init; }

        public string? Language { get; init; }

        public string? Assignee { get; init; }
    }
}

/// <summary>A console user a voicemail can be assigned to.</summary>
public sealed record Assignee(string UserId, string Email);

/// <summary>What the inbox shows.</summary>
public sealed record VoicemailFilter(IReadOnlyList<VoicemailState>? States = null, string? Search = null, DateTimeOffset? Since = null);

/// <summary>One voicemail as the inbox lists it.</summary>
public sealed record VoicemailRow(
    Guid Id, string CallSid, string RecordingSid, string? Caller, string? Language, DateTimeOffset CreatedAt, int? DurationSeconds,
    string? Transcript, string? TranscriptStatus, VoicemailState State, string? AssigneeUserId, string? AssigneeEmail,
    AudioStatus AudioStatus, string? LastFetchError, string? CallbackNote, DateTimeOffset? CalledBackAt, Guid Version)
{
    /// <summary>Set once the recording and transcript are deleted (retention, an admin, an erasure request).</summary>
    public DateTimeOffset? RecordingDeletedAt { get; init; }

    public string? RecordingDeletedBy { get; init; }
}

public enum InboxOutcome
{
    Done,
    NotFound,

    /// <summary>Someone else changed the voicemail first; reload and try again.</summary>
    Stale,

    /// <summary>The move does not apply to the voicemail's current state.</summary>
    NotAllowed,
}
