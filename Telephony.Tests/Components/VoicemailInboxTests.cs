using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Auth;
using Telephony.Web.Components;
using Telephony.Web.Components.Common;
using Telephony.Web.Components.Pages;
using Telephony.Web.Privacy;
using Telephony.Web.Voicemail;
using InboxPage = Telephony.Web.Components.Pages.VoicemailInbox;

namespace Telephony.Tests.Components;

public sealed class VoicemailInboxTests : MudBunitContext, IAsyncLifetime
{
    // Tuesday 24 November 2026, 11:00 in Toronto.
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);
    private readonly SqliteDatabase database = new();
    private readonly FakeTimeProvider time = new(Now);
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"telephony-inbox-{Guid.NewGuid():N}");

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        Services.AddTelephonyData(DatabaseProvider.Sqlite, database.ConnectionString);
        Services.AddSingleton<TimeProvider>(time);
        Services.AddOptions<ConsoleOptions>();
        Services.AddOptions<HotlineTimeZoneOptions>();
        Services.AddSingleton<ConsoleClock>();
        Services.AddOptions<RetentionOptions>();
        Services.AddSingleton(Options.Create(new VoicemailAudioOptions { DataDirectory = dataDirectory }));
        Services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        Services.AddSingleton<VoicemailAudioStorage>();
        Services.AddSingleton<RecordingDeletion>();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Support_sees_how_long_each_recording_has_left_but_no_delete_button()
    {
        await SeedAsync("+15145550199", "Recent", Now.AddDays(-78), VoicemailState.New, AudioStatus.Fetched);
        await SeedAsync("+15145550188", "Older", Now.AddDays(-89.5), VoicemailState.New, AudioStatus.Fetched);
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<InboxPage>();

        cut.WaitForAssertion(() => Assert.Equal(
            ["deleted in 12 days", "deleted in 12 h"], cut.FindAll("[data-testid=retention-remaining]").Select(t => t.TextContent.Trim()).ToList()));
        Assert.Empty(cut.FindAll("[data-testid=delete-recording]"));
    }

    [Fact]
    public async Task A_voicemail_kept_after_its_calls_detail_expired_says_the_number_was_deleted_not_withheld()
    {
        await SeedAsync("+15145550177", "Kept longer than its call", Now.AddDays(-800), VoicemailState.New);
        await SeedAsync("", "Hidden number", Now.AddDays(-1), VoicemailState.New);
        await using (var db = database.CreateDbContext())
        {
            await db.Calls.Where(c => c.From == "+15145550177").ExecuteDeleteAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);

        var cut = Render<InboxPage>();

        cut.WaitForAssertion(() => Assert.Equal(
            ["Withheld caller ID", "Number deleted (retention)"], cut.FindAll("[data-testid=voicemail-caller]").Select(c => c.TextContent.Trim()).ToList()));
    }

    [Fact]
    public async Task An_admin_deletes_a_recording_after_confirming_the_file_goes_and_the_row_says_so()
    {
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        var storage = Services.GetRequiredService<VoicemailAudioStorage>();
        var recordingSid = await SeedAsync("+15145550199", "Delete me", Now.AddDays(-2), VoicemailState.New, AudioStatus.Fetched);
        await storage.SaveAsync(recordingSid, new MemoryStream([1, 2, 3]), Xunit.TestContext.Current.CancellationToken);
        var cut = Render<InboxPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=delete-recording]")));

        cut.Find("[data-testid=delete-recording]").Click();
        Assert.True(File.Exists(storage.PathFor(recordingSid)), "Nothing is deleted before the admin confirms.");
        Assert.Contains("cannot be undone", cut.Find("[data-testid=delete-confirmation]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=confirm-delete]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Recording deleted (by admin@test.local)", cut.Find("[data-testid=recording-deleted]").TextContent, StringComparison.Ordinal));
        Assert.False(File.Exists(storage.PathFor(recordingSid)));
        Assert.Empty(cut.FindAll("audio"));
        Assert.Empty(cut.FindAll("[data-testid=retention-remaining]"));
        await using var db = database.CreateDbContext();
        Assert.Equal("recording-delete", db.AdminAuditEntries.Single(a => a.Target == recordingSid).Action);
    }

    [Fact]
    public async Task Support_sees_the_backlog_with_transcripts_masked_callers_and_sla_badges_but_no_audio()
    {
        await SeedAsync("+15145550199", "Please call me back about my order", Now.AddMinutes(-30), VoicemailState.New);
        await SeedAsync("+15145550188", "Old one", Now.AddDays(-2), VoicemailState.New);
        await SeedAsync("+15145550177", "Done already", Now.AddDays(-1), VoicemailState.CalledBack);
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<InboxPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=voicemail-transcript]").Count));
        var transcripts = cut.FindAll("[data-testid=voicemail-transcript]").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(["Please call me back about my order", "Old one"], transcripts);
        Assert.Equal(["+1514***0199", "+1514***0188"], cut.FindAll("[data-testid=voicemail-caller]").Select(c => c.TextContent).ToList());
        Assert.Equal(["On time", "Overdue"], cut.FindAll("[data-testid=sla-badge]").Select(c => c.TextContent.Trim()).ToList());
        Assert.Empty(cut.FindAll("audio"));
        Assert.DoesNotContain("Audio", cut.Find("thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_full_numbers_an_audio_player_and_failed_fetches()
    {
        await SeedAsync("+15145550199", "With audio", Now.AddMinutes(-5), VoicemailState.New, AudioStatus.Fetched);
        await SeedAsync("+15145550188", "Without audio", Now.AddMinutes(-10), VoicemailState.New, AudioStatus.Failed);
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);

        var cut = Render<InboxPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("audio")));
        Assert.Contains("+15145550199", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Audio could not be fetched: HTTP 404", cut.Find("[data-testid=audio-failed]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claiming_a_voicemail_moves_it_to_claimed_and_search_finds_by_transcript()
    {
        await SeedAsync("+15145550199", "Invoice question", Now.AddMinutes(-5), VoicemailState.New);
        await SeedAsync("+15145550188", "Delivery late", Now.AddMinutes(-6), VoicemailState.New);
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var cut = Render<InboxPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=voicemail-transcript]").Count));

        cut.Find("button[aria-label=Claim]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Claimed", cut.Find("tbody").TextContent, StringComparison.Ordinal));
        cut.Find("input[data-testid=voicemail-search]").Input("INVOICE");

        // The search box debounces on the app's clock: keep moving it until the debounced search has run.
        cut.WaitForAssertion(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                Assert.Equal(["Invoice question"], cut.FindAll("[data-testid=voicemail-transcript]").Select(t => t.TextContent.Trim()).ToList());
            },
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_empty_backlog_says_so()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<InboxPage>();

        cut.WaitForAssertion(() => Assert.Contains("The backlog is clear", cut.Find("[data-testid=inbox-empty]").TextContent, StringComparison.Ordinal));
    }

    private async Task<string> SeedAsync(string caller, string transcript, DateTimeOffset at, VoicemailState state, AudioStatus audio = AudioStatus.Pending)
    {
        await using var db = database.CreateDbContext();
        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var recordingSid = "RE" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        db.Calls.Add(new Call { CallSid = sid, From = caller, To = "+15145550100", CreatedAt = at, UpdatedAt = at, Status = CallStatus.Completed, ReachedVoicemail = true });
        db.Voicemails.Add(new VoicemailMessage
        {
            Id = Guid.NewGuid(), CallSid = sid, RecordingSid = recordingSid,
            RecordingUrl = "https://api.twilio.com/x", Transcript = transcript, CreatedAt = at, State = state, DurationSeconds = 20,
            AudioStatus = audio, AudioPath = audio == AudioStatus.Fetched ? "x.mp3" : null, LastFetchError = audio == AudioStatus.Failed ? "HTTP 404" : null,
        });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return recordingSid;
    }
}
