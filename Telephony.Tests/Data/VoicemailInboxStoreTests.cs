using Telephony.Data.Calls;
using Telephony.Data.Identity;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;

namespace Telephony.Tests.Data;

/// <summary>Triage moves on the inbox: claim, assign to a colleague, called back, stale writes refused.</summary>
public sealed class VoicemailInboxStoreTests : IAsyncLifetime
{
    private readonly SqliteDatabase database = new();
    private VoicemailInbox inbox = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        inbox = new VoicemailInbox(database, TimeProvider.System);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_voicemail_is_assigned_to_a_colleague_then_called_back_and_a_stale_move_is_refused()
    {
        var colleague = await AddUserAsync("colleague@test.local");
        var id = await AddVoicemailAsync();
        var row = await RowAsync(id);

        Assert.Equal(["colleague@test.local"], (await inbox.ListAssigneesAsync(Ct)).Select(a => a.Email));
        Assert.Equal(InboxOutcome.Done, await inbox.AssignAsync(id, row.Version, colleague, Ct));
        var assigned = await RowAsync(id);
        Assert.Equal(VoicemailState.Claimed, assigned.State);
        Assert.Equal("colleague@test.local", assigned.AssigneeEmail);

        Assert.Equal(InboxOutcome.Stale, await inbox.ClaimAsync(id, row.Version, "someone-else", Ct));
        Assert.Equal(InboxOutcome.Done, await inbox.MarkCalledBackAsync(id, assigned.Version, colleague, "  Rebooked for Tuesday  ", Ct));
        var done = await RowAsync(id);
        Assert.Equal(VoicemailState.CalledBack, done.State);
        Assert.Equal("Rebooked for Tuesday", done.CallbackNote);
        Assert.Equal(InboxOutcome.NotAllowed, await inbox.AssignAsync(id, done.Version, null, Ct));
    }

    [Fact]
    public async Task Search_treats_sql_metacharacters_as_plain_text()
    {
        await AddVoicemailAsync("Refund of 50% please; it's '); DROP TABLE x; --");
        await AddVoicemailAsync("Something else");

        var percent = await inbox.ListAsync(new VoicemailFilter(Search: "50%"), Ct);
        var quote = await inbox.ListAsync(new VoicemailFilter(Search: "'); drop"), Ct);
        var underscore = await inbox.ListAsync(new VoicemailFilter(Search: "_"), Ct);

        Assert.Single(percent);
        Assert.Single(quote);
        Assert.Empty(underscore);
    }

    private async Task<VoicemailRow> RowAsync(Guid id) => (await inbox.ListAsync(new VoicemailFilter(), Ct)).Single(r => r.Id == id);

    private async Task<string> AddUserAsync(string email)
    {
        await using var db = database.CreateDbContext();
        var user = new AppUser { Id = Guid.NewGuid().ToString(), Email = email, UserName = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        db.Users.Add(user);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return user.Id;
    }

    private async Task<Guid> AddVoicemailAsync(string transcript = "Please call me")
    {
        await using var db = database.CreateDbContext();
        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var now = DateTimeOffset.UtcNow;
        db.Calls.Add(new Call { CallSid = sid, From = "+15145550123", To = "+15145550100", CreatedAt = now, UpdatedAt = now });
        var voicemail = new VoicemailMessage { Id = Guid.NewGuid(), CallSid = sid, RecordingSid = "RE" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), RecordingUrl = "https://x", Transcript = transcript, CreatedAt = now };
        db.Voicemails.Add(voicemail);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return voicemail.Id;
    }
}
