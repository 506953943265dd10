using System.Globalization;
using Bunit;
using Microsoft.Extensions.Hosting;
using MudBlazor;
using Telephony.Core.Provisioning;
using Telephony.Data.Provisioning;
using Telephony.Web.Auth;
using Telephony.Web.Components.Pages;
using Telephony.Web.Provisioning;

namespace Telephony.Tests.Components;

/// <summary>
/// The Transactions page names kinds, statuses and steps in the reader's language and keeps each code beside its name
/// (for the API and the logs); a kind or step it does not know reads as its code.
/// </summary>
public sealed class TransactionsPageTests() : ConsoleBunitContext(Now)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        AddAuthorization().SetAuthorized("admin@test.local").SetRoles(Roles.Admin);
        UseInteractiveRenderer();
    }

    protected override void AddAppServices(IHostApplicationBuilder app) => app.AddProvisioningServices();

    [Theory]
    [InlineData("fr-CA", "Libération d'un numéro", "en échec", "Libérer le numéro chez Twilio", "terminée", "Enregistrer la libération")]
    [InlineData("en", "Number release", "failed", "Release the number at Twilio", "completed", "Record the release")]
    public async Task Kinds_statuses_and_steps_read_in_the_readers_language_with_their_codes_beside_them(
        string culture, string kind, string failed, string firstStep, string completed, string secondStep)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var release = await SeedAsync(ProvisioningSagas.ReleaseNumber, TransactionStatus.Failed, Now.AddMinutes(-10), currentStep: 1,
            (ProvisioningSagas.ReleaseTwilioNumber, StepStatus.Completed), (ProvisioningSagas.RecordRelease, StepStatus.Failed));
        await SeedAsync("merge-tenants", TransactionStatus.Running, Now.AddMinutes(-5), currentStep: 0, ("notify-tenant", StepStatus.Running));

        var cut = Render<TransactionsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=transaction-kind]").Count));
        var kinds = cut.FindAll("[data-testid=transaction-kind]");
        Assert.Equal(["merge-tenants", kind], kinds.Select(k => k.TextContent).ToList());
        Assert.Equal(["merge-tenants", ProvisioningSagas.ReleaseNumber], kinds.Select(k => k.GetAttribute("title")).ToList());
        var statuses = cut.FindAll("[data-testid=transaction-status]");
        Assert.Equal(failed, statuses[1].TextContent.Trim());
        Assert.Equal("failed", statuses[1].GetAttribute("data-code"));
        Assert.Equal(["notify-tenant", secondStep], cut.FindAll("[data-testid=transaction-step]").Select(s => s.TextContent).ToList());

        cut.FindAll("[data-testid=show-steps]")[1].Click();

        Assert.Equal(kind, cut.Find("[data-testid=timeline-kind]").TextContent);
        Assert.Equal($"{ProvisioningSagas.ReleaseNumber} · {release}", cut.Find("[data-testid=timeline-codes]").TextContent);
        Assert.Equal([firstStep, secondStep], cut.FindAll("[data-testid=step-name]").Select(s => s.TextContent).ToList());
        Assert.Equal([completed, failed], cut.FindAll("[data-testid=step-status]").Select(s => s.TextContent).ToList());
        Assert.Equal([ProvisioningSagas.ReleaseTwilioNumber, ProvisioningSagas.RecordRelease], cut.FindAll("[data-testid=step-code]").Select(s => s.TextContent).ToList());

        cut.FindAll("[data-testid=show-steps]")[0].Click();
        Assert.Equal("merge-tenants", cut.Find("[data-testid=timeline-kind]").TextContent);
        Assert.Equal(["notify-tenant"], cut.FindAll("[data-testid=step-name]").Select(s => s.TextContent).ToList());
    }

    [Fact]
    public async Task The_status_filter_lists_french_names_and_filters_by_the_code()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");
        await SeedAsync(ProvisioningSagas.OnboardTenant, TransactionStatus.Completed, Now.AddMinutes(-10), currentStep: 0, (ProvisioningSagas.CreateSubaccount, StepStatus.Completed));
        await SeedAsync(ProvisioningSagas.ProvisionNumber, TransactionStatus.Failed, Now.AddMinutes(-5), currentStep: 0, (ProvisioningSagas.BuyNumber, StepStatus.Failed));

        var cut = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<TransactionsPage>(1);
            b.CloseComponent();
        });
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=transaction-kind]").Count));
        Assert.Equal("toutes", cut.Find("input[data-testid=status-filter]").GetAttribute("value"));

        cut.Find("div.mud-select .mud-input-control").MouseDown(); // the status filter is the page's only select
        var options = cut.WaitForElements("[data-testid=status-option]");
        Assert.Equal(["en attente", "en cours", "terminée", "compensation en cours", "compensée", "en échec"], options.Select(o => o.TextContent).ToList());
        Assert.Equal("failed", options[5].GetAttribute("data-code"));
        options[5].Click();

        cut.WaitForAssertion(() => Assert.Equal(["Achat d'un numéro"], cut.FindAll("[data-testid=transaction-kind]").Select(k => k.TextContent).ToList()));
        Assert.Equal("en échec", cut.Find("input[data-testid=status-filter]").GetAttribute("value"));
    }

    private async Task<Guid> SeedAsync(string kind, TransactionStatus status, DateTimeOffset at, int currentStep, params (string Name, StepStatus Status)[] steps)
    {
        await using var db = Database.CreateDbContext();
        var transaction = new ProvisioningTransaction
        {
            Id = Guid.CreateVersion7(at), Kind = kind, Status = status, CurrentStep = currentStep, CreatedAt = at, UpdatedAt = at, Version = Guid.NewGuid(),
            Steps = [.. steps.Select((s, i) => new TransactionStep { Index = i, Name = s.Name, Status = s.Status, StartedAt = at, CompletedAt = s.Status == StepStatus.Completed ? at.AddSeconds(5) : null })],
        };
        db.ProvisioningTransactions.Add(transaction);
        await db.SaveChangesAsync(Ct);
        return transaction.Id;
    }
}
