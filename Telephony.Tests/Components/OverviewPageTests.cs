using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Web.Auth;
using Telephony.Web.Components.Common;
using Telephony.Web.Components.Pages;

namespace Telephony.Tests.Components;

public sealed class OverviewPageTests() : ConsoleBunitContext(Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_no_calls_rates_and_averages_show_a_dash_and_counts_show_zero()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal("0", Value(cut, "tile-active")));
        Assert.Equal("—", Value(cut, "tile-answer-rate"));
        Assert.Equal("—", Value(cut, "tile-service-level"));
        Assert.Equal("—", Value(cut, "tile-asa"));
        Assert.Equal("—", Value(cut, "tile-abandonment"));
        Assert.Equal("—", Value(cut, "tile-talk-time"));
        Assert.Equal("—", Value(cut, "tile-success"));
        Assert.Equal("—", Value(cut, "tile-consent"));
        Assert.Equal("0", Value(cut, "tile-backlog"));
        Assert.Contains("oldest waiting: —", cut.Find("[data-testid=tile-backlog]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0", Value(cut, "tile-errors"));
    }

    [Fact]
    public async Task Tiles_show_the_numbers_behind_them_and_redraw_when_a_call_arrives()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Calls.Add(Call("answered", CallStatus.Completed, dialStatus: "completed", transferAgo: 600, answeredAfter: 5, talk: 120));
            db.Calls.Add(Call("unanswered", CallStatus.Completed, dialStatus: "no-answer", transferAgo: 900, voicemail: true));
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var cut = Render<Overview>();
        cut.WaitForAssertion(() => Assert.Equal("50 %", Value(cut, "tile-answer-rate")));
        Assert.Equal("2 min 0 s", Value(cut, "tile-talk-time"));
        Assert.Equal("100 %", Value(cut, "tile-success"));
        Assert.Equal("0", Value(cut, "tile-active"));

        // Through the app's own context factory, so the change feed announces the save as a webhook's would.
        await using (var db = await Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            db.Calls.Add(Call("ringing", CallStatus.Ringing));
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        cut.WaitForAssertion(() => Assert.Equal("1", Value(cut, "tile-active")), TimeSpan.FromSeconds(2));
        Assert.Equal("100 %", Value(cut, "tile-success")); // the ringing call is not a failure
    }

    [Fact]
    public async Task Overviews_open_on_several_screens_redraw_for_a_call_from_one_read()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var screens = Enumerable.Range(0, 4).Select(_ => Render<Overview>()).ToList();
        foreach (var screen in screens)
        {
            screen.WaitForAssertion(() => Assert.Equal("0", Value(screen, "tile-active")));
        }

        var figures = Services.GetRequiredService<SharedOverview>();
        var readsBefore = figures.Reads;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            db.Calls.Add(Call("ringing", CallStatus.Ringing));
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        foreach (var screen in screens)
        {
            screen.WaitForAssertion(() => Assert.Equal("1", Value(screen, "tile-active")), TimeSpan.FromSeconds(2));
        }

        Assert.Equal(readsBefore + 1, figures.Reads);
    }

    [Fact]
    public async Task With_only_a_ringing_call_call_success_shows_a_dash_and_is_not_red()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Calls.Add(Call("ringing", CallStatus.Ringing));
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal("1", Value(cut, "tile-active")));
        Assert.Equal("—", Value(cut, "tile-success"));
        var tile = cut.Find("[data-testid=tile-success]");
        Assert.Contains("tone-neutral", tile.ClassList);
        Assert.DoesNotContain("tone-bad", tile.ClassList);
        Assert.Contains("of 0 finished calls", tile.TextContent, StringComparison.Ordinal);
    }

    private static string Value(IRenderedComponent<Overview> cut, string tile) => cut.Find($"[data-testid={tile}-value]").TextContent.Trim();

    private static Call Call(string name, CallStatus status, string? dialStatus = null, int? transferAgo = null, int? answeredAfter = null, int? talk = null, bool voicemail = false)
    {
        var created = Now.AddMinutes(-20);
        var transfer = transferAgo is { } ago ? Now.AddSeconds(-ago) : (DateTimeOffset?)null;
        return new Call
        {
            CallSid = "CA" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32],
            From = "+15145550111",
            To = "+15145550100",
            Status = status,
            CreatedAt = created,
            UpdatedAt = Now.AddMinutes(-1),
            EndedAt = status == CallStatus.Completed ? Now.AddMinutes(-1) : null,
            DialCallStatus = dialStatus,
            DialCallDuration = talk,
            TransferStartedAt = transfer,
            TransferAnsweredAt = transfer is { } t && answeredAfter is { } a ? t.AddSeconds(a) : null,
            Route = voicemail ? CallRoute.Voicemail : transfer is null ? CallRoute.None : CallRoute.Sales,
            ReachedVoicemail = voicemail,
        };
    }
}
