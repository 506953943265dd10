using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Calls;
using Telephony.Core.Validation;
using Telephony.Data.Calls;
using Telephony.Data.Voicemail;
using Telephony.Web.Auth;
using Telephony.Web.Components.Wallboard;
using Telephony.Web.Provisioning;
using Telephony.Web.Wallboard;

namespace Telephony.Tests.Components;

/// <summary>The wallboard as a TV shows it: the live tiles, the waiting voicemails oldest first, and who may see it.</summary>
public sealed class WallboardPageTests() : ConsoleBunitContext(Now)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_nothing_happening_counts_are_zero_and_rates_ages_and_the_queue_show_a_dash()
    {
        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);

        var cut = Render<WallboardPage>();

        cut.WaitForAssertion(() => Assert.Equal("0", Value(cut, "wallboard-active")));
        Assert.Equal("0", Value(cut, "wallboard-today"));
        Assert.Equal("—", Value(cut, "wallboard-answer-rate"));
        Assert.Equal("—", Value(cut, "wallboard-success"));
        Assert.Equal("0", Value(cut, "wallboard-backlog"));
        Assert.Equal("—", Value(cut, "wallboard-oldest"));
        var empty = cut.Find("[data-testid=wallboard-queue-empty]");
        Assert.Contains("—", empty.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing waiting", empty.TextContent, StringComparison.Ordinal);
        // Toronto time with its label (EST in December).
        Assert.Equal("Updated 10:00:00 EST", cut.Find("[data-testid=wallboard-updated]").TextContent.Trim());
        Assert.Empty(cut.FindAll("nav"));
    }

    [Fact]
    public async Task Waiting_voicemails_are_listed_oldest_first_with_masked_callers_and_their_waiting_time()
    {
        await SeedVoicemailAsync("+15145550111", Now.AddMinutes(-15), VoicemailState.New);
        await SeedVoicemailAsync("+15145550222", Now.AddHours(-2).AddMinutes(-5), VoicemailState.Claimed);
        await SeedVoicemailAsync("+15145550333", Now.AddHours(-5), VoicemailState.Archived);
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);

        var cut = Render<WallboardPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=wallboard-queue-row]").Count));
        var callers = cut.FindAll("[data-testid=wallboard-queue-caller]").Select(c => c.TextContent.Trim()).ToList();
        // Masked even for an admin: a TV is seen by anyone walking past.
        Assert.Equal([PhoneMask.Mask("+15145550222"), PhoneMask.Mask("+15145550111")], callers);
        Assert.DoesNotContain("+15145550222", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(["2 h 5 min", "15 min"], cut.FindAll("[data-testid=wallboard-queue-waiting]").Select(w => w.TextContent.Trim()));
        Assert.Equal("2", Value(cut, "wallboard-backlog"));
        Assert.Equal("2 h 5 min", Value(cut, "wallboard-oldest"));
        Assert.Empty(cut.FindAll("[data-testid=wallboard-queue-empty]"));
    }

    [Fact]
    public async Task A_valid_link_opens_the_wallboard_without_signing_in_until_it_is_revoked()
    {
        AddAuthorization();
        var tokens = Services.GetRequiredService<WallboardTokens>();
        var admin = new AdminActor("admin-id", "admin@test.local");
        var (made, secret) = await tokens.CreateAsync("Support floor TV", admin, Xunit.TestContext.Current.CancellationToken);
        OpenWith(secret);

        var cut = Render<WallboardPage>();
        cut.WaitForAssertion(() => Assert.Equal("0", Value(cut, "wallboard-active")));

        Assert.True(await tokens.RevokeAsync(made.Id, admin, Xunit.TestContext.Current.CancellationToken));
        // The open wallboard hears of the revocation (its audit entry) and stops showing figures.
        cut.WaitForAssertion(() => Assert.Equal("This wallboard link is no longer valid", cut.Find("[data-testid=wallboard-invalid] h1").TextContent), TimeSpan.FromSeconds(3));
        Assert.Empty(cut.FindAll("[data-testid=wallboard]"));
    }

    [Fact]
    public void An_unknown_link_is_refused_with_a_clear_message()
    {
        AddAuthorization();
        OpenWith("wb_not-a-token");

        var cut = Render<WallboardPage>();

        cut.WaitForAssertion(() => Assert.Equal("This wallboard link is no longer valid", cut.Find("[data-testid=wallboard-invalid] h1").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=wallboard]"));
    }

    [Fact]
    public void Without_a_link_or_a_sign_in_the_wallboard_sends_the_browser_to_the_sign_in_page()
    {
        AddAuthorization();

        Render<WallboardPage>();

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Contains("account/login?returnUrl=", navigation.Uri, StringComparison.Ordinal);
    }

    private void OpenWith(string token)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("token", token));
    }

    private static string Value(IRenderedComponent<WallboardPage> cut, string tile) => cut.Find($"[data-testid={tile}-value]").TextContent.Trim();

    private async Task SeedVoicemailAsync(string caller, DateTimeOffset at, VoicemailState state)
    {
        await using var db = Database.CreateDbContext();
        var sid = "CA" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        db.Calls.Add(new Call { CallSid = sid, From = caller, To = "+15145550100", CreatedAt = at, UpdatedAt = at, Status = CallStatus.Completed, ReachedVoicemail = true, EndedAt = at.AddMinutes(1) });
        db.Voicemails.Add(new VoicemailMessage
        {
            Id = Guid.NewGuid(), CallSid = sid, RecordingSid = "RE" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            RecordingUrl = "https://api.twilio.com/x", CreatedAt = at, State = state, DurationSeconds = 20,
        });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
