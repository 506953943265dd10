using System.Globalization;
using System.Text.RegularExpressions;
using Telephony.Core.Alerts;
using Telephony.Core.Provisioning;
using Telephony.Data.Provisioning;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Components.Common;
using Telephony.Web.Provisioning;

namespace Telephony.Tests.Components;

/// <summary>
/// The stored codes the console shows (audit actions, provisioning kinds, steps and statuses, alert rules) have a name in
/// English and in French, and a code without one reads as itself.
/// </summary>
public sealed partial class CodeNamesTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-CA");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Every_audit_action_the_app_writes_has_a_name_in_both_languages()
    {
        var written = AuditActionsWritten();
        Assert.True(written.Count >= 30, $"only {written.Count} audit actions found in the source: is the pattern still right? {string.Join(", ", written)}");
        Assert.Contains("provisioning-release", written);

        await InAsync(English, () => AssertNamed(written, AuditActionNames.Of));
        await InAsync(French, () => AssertNamed(written, AuditActionNames.Of));
        await InAsync(French, () =>
        {
            Assert.Equal("Libération d'un numéro lancée", AuditActionNames.Of("provisioning-release"));
            Assert.Equal("Paramètre modifié", AuditActionNames.Of(Telephony.Data.Settings.ThresholdStore.AuditAction));
        });
        await InAsync(English, () => Assert.Equal("Number release started", AuditActionNames.Of("provisioning-release")));
    }

    [Fact]
    public async Task Every_provisioning_kind_step_and_status_has_a_name_in_both_languages()
    {
        var kinds = ProvisioningSagas.All.Select(s => s.Kind).ToList();
        var steps = ProvisioningSagas.All.SelectMany(s => s.Steps).Distinct().ToList();
        var statuses = Enum.GetValues<TransactionStatus>().Select(s => StatusNames.Of(s))
            .Concat(Enum.GetValues<StepStatus>().Select(s => StatusNames.Of(s)))
            .Concat(Enum.GetValues<PortingState>().Select(s => StatusNames.Of(s)))
            .Distinct().ToList();

        foreach (var culture in new[] { English, French })
        {
            await InAsync(culture, () =>
            {
                AssertNamed(kinds, ProvisioningNames.Kind);
                AssertNamed(steps, ProvisioningNames.Step);
            });
        }

        await InAsync(English, () =>
        {
            Assert.Equal("Number release", ProvisioningNames.Kind(ProvisioningSagas.ReleaseNumber));
            Assert.Equal("compensation failed", ProvisioningNames.Status("compensation-failed"));
            Assert.Equal("in review", ProvisioningNames.Status("in-review"));
            Assert.Equal("completed", ProvisioningNames.Status("completed"));
        });

        // In French every status reads differently from its code (in English most are the code's own word).
        await InAsync(French, () =>
        {
            AssertNamed(statuses, ProvisioningNames.Status);
            Assert.Equal("Libération d'un numéro", ProvisioningNames.Kind(ProvisioningSagas.ReleaseNumber));
            Assert.Equal("Acheter le numéro", ProvisioningNames.Step(ProvisioningSagas.BuyNumber));
            Assert.Equal("compensation en échec", ProvisioningNames.Status("compensation-failed"));
            Assert.Equal("actif", ProvisioningNames.AccountStatus("active"));
            Assert.Equal("mal configurés", ProvisioningNames.Configuration(WebhookUrls.Misconfigured));
        });
    }

    [Fact]
    public async Task Every_alert_rule_and_outage_condition_has_a_name_in_both_languages()
    {
        var keys = AlertRules.All.Select(r => r.Key).Concat(OutageConditions.All.Select(c => c.Key)).ToList();

        await InAsync(English, () =>
        {
            AssertNamed(keys, AlertRuleNames.Of);

            // The console's English is Core's (Slack's and PagerDuty's) title.
            Assert.All(keys, k => Assert.Equal(AlertRules.TitleOf(k), AlertRuleNames.Of(k)));
        });
        await InAsync(French, () =>
        {
            AssertNamed(keys, AlertRuleNames.Of);
            Assert.Equal("Taux de réussite des appels bas", AlertRuleNames.Of(AlertRules.CallSuccessRate));
            Assert.Equal("Base de données injoignable", AlertRuleNames.Of(OutageConditions.DatabaseUnreachable));
        });
    }

    [Fact]
    public async Task An_unknown_code_reads_as_itself_and_nothing_reads_as_null()
    {
        foreach (var culture in new[] { English, French })
        {
            await InAsync(culture, () =>
            {
                Assert.Equal("tenant-merge", AuditActionNames.Of("tenant-merge"));
                Assert.Equal("merge-tenants", ProvisioningNames.Kind("merge-tenants"));
                Assert.Equal("notify-tenant", ProvisioningNames.Step("notify-tenant"));
                Assert.Equal("on-hold", ProvisioningNames.Status("on-hold"));
                Assert.Equal("suspended", ProvisioningNames.AccountStatus("suspended"));
                Assert.Equal("stale", ProvisioningNames.Configuration("stale"));
                Assert.Equal("disk-full", AlertRuleNames.Of("disk-full"));
                Assert.Equal("", AuditActionNames.Of(null));
                Assert.Equal("", ProvisioningNames.Kind(null));
                Assert.Equal("", AlertRuleNames.Of(null));
            });
        }
    }

    private static void AssertNamed(IEnumerable<string> codes, Func<string, string> name)
    {
        var unnamed = codes.Where(c => string.IsNullOrWhiteSpace(name(c)) || name(c) == c).ToList();
        Assert.True(unnamed.Count == 0, $"no name in {CultureInfo.CurrentUICulture.Name}: {string.Join(", ", unnamed)}");
    }

    // Each call runs in its own async flow, so the culture it sets ends with it.
    private static async Task InAsync(CultureInfo culture, Action assert)
    {
        await Task.Yield();
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        assert();
    }

    /// <summary>The literal action codes handed to the audit log in the app's source (every way it is written to).</summary>
    private static HashSet<string> AuditActionsWritten()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in new[] { "Telephony.Web", "Telephony.Data" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, project), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
                    file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match call in AuditCall().Matches(File.ReadAllText(file)))
                {
                    codes.UnionWith(ActionLiteral().Matches(call.Groups["arguments"].Value).Select(m => m.Groups[1].Value));
                }
            }
        }

        return codes;
    }

    // audit.RecordAsync(…), a page's or service's AuditAsync(…) / RecordAsync(audit, …), and AdminAuditLog.Entry(…), to the statement's end.
    [GeneratedRegex(@"(?:\baudit\.RecordAsync\(|\bAuditAsync\(|\bRecordAsync\(audit,|\bAdminAuditLog\.Entry\()(?<arguments>[^;]*);")]
    private static partial Regex AuditCall();

    // An argument that is a whole kebab-case literal ("provisioning-release"), not words inside a sentence.
    [GeneratedRegex(@"(?<![\w$])""([a-z]+(?:-[a-z]+)+)""")]
    private static partial Regex ActionLiteral();
}
