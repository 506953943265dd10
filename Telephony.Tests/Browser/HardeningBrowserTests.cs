using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Voicemail;
using Telephony.Tests.Web;
using Telephony.Web.Auth;

namespace Telephony.Tests.Browser;

/// <summary>
/// In Chromium: untrusted text (transcripts, caller ids) is shown literally and runs nothing, the Content Security
/// Policy costs the console nothing (no violations), and a disabled user's open console signs out by itself.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class HardeningBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Markup = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

    private readonly TelephonyAppFactory app = new(DatabaseProvider.Sqlite, null, kestrel: true);
    private string baseUrl = "";

    public ValueTask InitializeAsync()
    {
        app.Settings["Security:SessionRevalidationInterval"] = "00:00:01";
        baseUrl = app.ServerAddress.ToString().TrimEnd('/');
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Markup_in_transcripts_and_caller_ids_is_shown_as_text_runs_nothing_and_no_page_breaks_the_csp()
    {
        await SeedAsync();
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        page.PageError += (_, error) => console.Add(error);

        await page.GotoAsync(baseUrl + "/");
        await page.FillAsync("#email", TelephonyAppFactory.AdminEmail);
        await page.FillAsync("#password", TelephonyAppFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");

        await page.GotoAsync(baseUrl + "/voicemail");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("voicemail-transcript")).ToHaveTextAsync("Call me back " + Markup);
        await Assertions.Expect(page.GetByTestId("voicemail-caller")).ToHaveTextAsync(Markup);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Equal(0, await page.Locator("[data-testid=voicemail-table] img[src=x]").CountAsync());

        // Search is literal text: SQL and LIKE metacharacters match nothing here, the markup itself matches its row.
        var search = page.Locator("input[data-testid=voicemail-search]");
        foreach (var term in new[] { "' OR 1=1 --", "%", "_", "\\", "'; DROP TABLE Voicemails; --" })
        {
            await search.FillAsync(term);
            await Assertions.Expect(page.GetByTestId("inbox-empty")).ToBeVisibleAsync();
        }

        await search.FillAsync("<script>");
        await Assertions.Expect(page.GetByTestId("voicemail-transcript")).ToHaveCountAsync(1);

        await page.GotoAsync(baseUrl + "/calls");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("live-caller")).ToHaveTextAsync(Markup);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));

        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(console, m => m.Contains("Refused to", StringComparison.Ordinal));
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_disabled_users_open_console_signs_out_by_itself()
    {
        const string email = "leaver-browser@test.local";
        const string password = "Leaver-Browser-Pass-1";
        var user = await app.CreateUserAsync(email, password, Roles.Support);
        var page = await browser.SignInAsync(baseUrl, "/voicemail", email, password);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(user.Id, disabled: true, actingUserId: null));
        }

        // No click, no reload: the circuit re-checks the user (Security:SessionRevalidationInterval) and leaves.
        await page.WaitForURLAsync(url => url.StartsWith(baseUrl + "/account/login", StringComparison.Ordinal), new() { Timeout = 15_000 });
        await page.Context.CloseAsync();
    }

    private async Task SeedAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var now = DateTimeOffset.UtcNow;
        var voicemailCall = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var liveCall = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        db.Calls.Add(new Call { CallSid = voicemailCall, From = Markup, To = "+15145550100", CreatedAt = now, UpdatedAt = now, Status = CallStatus.Completed, ReachedVoicemail = true });
        db.Calls.Add(new Call { CallSid = liveCall, From = Markup, To = "+15145550100", CreatedAt = now, UpdatedAt = now, Status = CallStatus.InProgress });
        db.Voicemails.Add(new VoicemailMessage
        {
            Id = Guid.NewGuid(), CallSid = voicemailCall, RecordingSid = "RE" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            RecordingUrl = "https://api.twilio.com/x", Transcript = "Call me back " + Markup, CreatedAt = now, State = VoicemailState.New, DurationSeconds = 20,
            AudioStatus = AudioStatus.Pending,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
