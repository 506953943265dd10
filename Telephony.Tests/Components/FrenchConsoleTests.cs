using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telephony.Core.Calls;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Identity;
using Telephony.Web.Auth;
using Telephony.Web.Components.Account;
using Telephony.Web.Components.Common;
using Telephony.Web.Components.Layout;
using Telephony.Web.Components.Pages;

namespace Telephony.Tests.Components;

/// <summary>The console rendered in Canadian French: its words from the French resources, its numbers formatted for fr-CA.</summary>
public sealed class FrenchConsoleTests() : ConsoleBunitContext(Now)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-CA");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<Telephony.Web.Localization.LanguagePreference>();
        Services.TryAddSingleton<Telephony.Data.Alerts.AlertStore>();
        Services.AddIdentity<AppUser, IdentityRole>().AddEntityFrameworkStores<TelephonyDbContext>();
    }

    [Fact]
    public async Task The_overview_has_its_french_title_and_fr_CA_percentages()
    {
        UseCulture(French);
        await using (var db = Database.CreateDbContext())
        {
            db.Calls.Add(Call("answered", dialStatus: "completed", answeredAfter: 5));
            db.Calls.Add(Call("no-answer-1", dialStatus: "no-answer"));
            db.Calls.Add(Call("no-answer-2", dialStatus: "no-answer"));
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        AddAuthorization().SetAuthorized("support@test.local").SetRoles(Roles.Support);
        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal("33,3 %", cut.Find("[data-testid=tile-answer-rate-value]").TextContent.Trim()));
        Assert.Equal("Tableau de bord", cut.Find("h1").TextContent.Trim());
        Assert.Contains("Taux de réponse (24 h)", cut.Find("[data-testid=tile-answer-rate]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 transferts sur 3", cut.Find("[data-testid=tile-answer-rate]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Answer rate", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_navigation_and_the_app_bar_are_in_french()
    {
        UseCulture(French);
        await Task.Yield();
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        UseInteractiveRenderer();

        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (Microsoft.AspNetCore.Components.RenderFragment)(_ => { })));

        var links = cut.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Tableau de bord", "Appels en direct", "Messagerie vocale", "Consentement", "Alertes", "Erreurs", "Rapports", "Transactions", "Numéros", "Utilisateurs", "Données des appelants", "Journal d'audit", "Paramètres"], links);
        Assert.Equal("Langue (Français)", cut.Find("[data-testid=language-picker] button").GetAttribute("aria-label"));
        Assert.Contains("Se déconnecter", cut.Find("header form").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_form_says_what_is_missing_in_french()
    {
        UseCulture(French);
        await Task.Yield();
        var cut = Render<Login>();

        Assert.Equal("Se connecter", cut.Find("button[type=submit]").TextContent.Trim());
        cut.Find("form").Submit();

        var messages = cut.FindAll(".mud-error-text").Select(m => m.TextContent).ToList();
        Assert.Contains("Entrez votre courriel.", messages);
        Assert.Contains("Entrez votre mot de passe.", messages);
    }

    [Fact]
    public async Task Numbers_durations_and_ages_follow_fr_CA()
    {
        UseCulture(French);
        await Task.Yield();
        Assert.Equal("12,5 %", MetricFormat.Percent(0.125));
        Assert.Equal("1\u00a0234", MetricFormat.Count(1234)); // fr-CA groups thousands with a no-break space
        Assert.Equal("—", MetricFormat.Percent(null));
        Assert.Equal("à l'instant", Ages.Ago(TimeSpan.FromSeconds(20)));
        Assert.Equal("il y a 5 min", Ages.Ago(TimeSpan.FromMinutes(5)));
        Assert.Equal("2 j 3 h", Ages.Format(TimeSpan.FromHours(51)));
        Assert.Equal("Numéro masqué", CallerDisplay.Format("anonymous", isAdmin: false));
        Assert.Equal("Numéro supprimé (conservation)", CallerDisplay.Format(null, isAdmin: true));

        // MudBlazor's own words that the console shows (a table pager's buttons), and its English for the rest.
        var mud = new Telephony.Web.Localization.ConsoleMudLocalizer();
        Assert.Equal("Dernière page", mud["MudTablePager_LastPage"].Value);
        Assert.Equal("Page précédente", mud["MudTablePager_PreviousPage"].Value);
        Assert.True(mud["MudDialog_Close"].ResourceNotFound); // MudBlazor then uses its built-in English

        UseCulture(CultureInfo.GetCultureInfo("en"));
        Assert.Equal("12.5 %", MetricFormat.Percent(0.125));
        Assert.Equal("1,234", MetricFormat.Count(1234));
        Assert.Equal("5 min ago", Ages.Ago(TimeSpan.FromMinutes(5)));
    }

    // Each test is async, so the culture it sets ends with it (CultureInfo.CurrentCulture flows like an AsyncLocal).
    private static void UseCulture(CultureInfo culture)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    private static Call Call(string name, string dialStatus, int? answeredAfter = null)
    {
        var transfer = Now.AddMinutes(-15);
        return new Call
        {
            CallSid = "CA" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32],
            From = "+15145550111",
            To = "+15145550100",
            Status = CallStatus.Completed,
            CreatedAt = Now.AddMinutes(-20),
            UpdatedAt = Now.AddMinutes(-1),
            EndedAt = Now.AddMinutes(-1),
            DialCallStatus = dialStatus,
            DialCallDuration = answeredAfter is null ? null : 60,
            TransferStartedAt = transfer,
            TransferAnsweredAt = answeredAfter is { } a ? transfer.AddSeconds(a) : null,
            Route = CallRoute.Sales,
        };
    }
}
