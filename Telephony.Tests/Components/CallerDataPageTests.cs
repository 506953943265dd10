using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Voicemail;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;
using Telephony.Web.Privacy;
using Telephony.Web.Voicemail;

namespace Telephony.Tests.Components;

/// <summary>The Caller data page: an admin looks a number up (audited), then erases it after confirming; the ledger count stays.</summary>
public sealed class CallerDataPageTests() : ConsoleBunitContext(Now), IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"telephony-callers-{Guid.NewGuid():N}");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Options.Create(new VoicemailAudioOptions { DataDirectory = dataDirectory }));
        Services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        Services.AddSingleton<VoicemailAudioStorage>();
        Services.AddSingleton<CallerDataService>();
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
    }

    [Fact]
    public async Task An_admin_looks_up_a_caller_then_erases_them_and_the_consent_entries_remain()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Calls.Add(new Call { CallSid = "CA01", From = "+15145550123", To = "+15145550100", CreatedAt = Now, UpdatedAt = Now });
            db.Voicemails.Add(new VoicemailMessage { Id = Guid.NewGuid(), CallSid = "CA01", RecordingSid = "RE" + new string('1', 32), Transcript = "Hello", CreatedAt = Now });
            db.ConsentRecords.Add(new ConsentRecord { CallSid = "CA01", CallerNumber = "+15145550123", Decision = ConsentDecision.Granted, Method = "disclosure-continued", RecordedAt = Now });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var cut = Render<CallerDataPage>();
        cut.Find("input[data-testid=caller-phone]").Change("514-555-0123");
        cut.Find("[data-testid=caller-lookup]").Click();
        cut.WaitForAssertion(() => Assert.Contains("E.164", cut.Find("[data-testid=caller-problem]").TextContent, StringComparison.Ordinal));

        cut.Find("input[data-testid=caller-phone]").Change("+15145550123");
        cut.Find("[data-testid=caller-lookup]").Click();
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=caller-voicemails]").TextContent));
        Assert.Equal("api/callers/%2B15145550123/export", cut.Find("a[data-testid=caller-export]").GetAttribute("href"));

        cut.Find("[data-testid=caller-erase]").Click();
        cut.Find("[data-testid=confirm-erase]").Click();

        cut.WaitForAssertion(() => Assert.Contains("1 consent ledger entries kept", cut.Find("[data-testid=caller-erased]").TextContent, StringComparison.Ordinal));
        Assert.Equal("0", cut.Find("[data-testid=caller-calls]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=caller-consent]").TextContent);
        await using var check = Database.CreateDbContext();
        var actions = await check.AdminAuditEntries.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(["caller-export", "caller-erase", "caller-export"], actions);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
