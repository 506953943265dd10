using Telephony.Core.Alerts;

namespace Telephony.Tests.Core.Alerts;

public sealed class ThresholdCatalogueTests
{
    private static Dictionary<string, double> DefaultValues() => ThresholdCatalogue.ValuesOf(new AlertThresholds(), new TileThresholds());

    [Fact]
    public void Every_editable_setting_is_keyed_by_its_configuration_key_and_the_outage_settings_are_not_editable()
    {
        Assert.Contains(ThresholdCatalogue.All, s => s.Key == "Alerts:MaxVoicemailBacklog" && s.Unit == ThresholdUnit.Count && s.IsWholeNumber);
        Assert.Contains(ThresholdCatalogue.All, s => s.Key == "Console:Tiles:CallSuccessAmberBelow" && s.Unit == ThresholdUnit.Percent && s.Max == 1);
        Assert.DoesNotContain(ThresholdCatalogue.All, s => s.Name is nameof(AlertThresholds.NotReadyMinutes));
        Assert.Equal(ThresholdCatalogue.All.Count, ThresholdCatalogue.All.Select(s => s.Key).Distinct().Count());
        Assert.Equal(TileThresholds.Pairs.Count * 2, ThresholdCatalogue.Tiles.Count);
    }

    [Fact]
    public void The_defaults_validate_and_out_of_range_fractional_and_missing_values_are_named_per_field()
    {
        Assert.Empty(ThresholdCatalogue.Validate(DefaultValues()));

        var values = DefaultValues();
        values["Alerts:MinCallSuccessRate"] = 1.2;
        values["Alerts:MaxVoicemailBacklog"] = 2.5;
        values.Remove("Alerts:CallWindowMinutes");

        var problems = ThresholdCatalogue.Validate(values);

        Assert.Equal(3, problems.Count);
        Assert.Contains(new ThresholdProblem("Alerts:MinCallSuccessRate", ThresholdProblemKind.OutOfRange), problems);
        Assert.Contains(new ThresholdProblem("Alerts:MaxVoicemailBacklog", ThresholdProblemKind.NotWholeNumber), problems);
        Assert.Contains(new ThresholdProblem("Alerts:CallWindowMinutes", ThresholdProblemKind.Missing), problems);
    }

    [Fact]
    public void An_amber_limit_more_severe_than_red_is_reported_on_both_fields()
    {
        var values = DefaultValues();
        values["Console:Tiles:ServiceLevelAmberBelow"] = 0.5; // red is below 60 %: amber below 50 % would be worse than red

        var problems = ThresholdCatalogue.Validate(values);

        Assert.Equal(
            [
                new ThresholdProblem("Console:Tiles:ServiceLevelAmberBelow", ThresholdProblemKind.AmberMustBeAboveRed, "Console:Tiles:ServiceLevelRedBelow"),
                new ThresholdProblem("Console:Tiles:ServiceLevelRedBelow", ThresholdProblemKind.AmberMustBeAboveRed, "Console:Tiles:ServiceLevelAmberBelow"),
            ],
            problems);
    }

    [Fact]
    public void Stored_values_are_laid_over_the_defaults_and_unknown_or_out_of_range_ones_are_ignored()
    {
        var stored = new Dictionary<string, double>
        {
            ["Alerts:MaxVoicemailBacklog"] = 3,
            ["Console:Tiles:CallSuccessAmberBelow"] = 0.97,
            ["Alerts:MinCallSuccessRate"] = 7, // out of range: the default stays
            ["Alerts:NotReadyMinutes"] = 1, // not editable
        };

        var (alerts, tiles) = ThresholdCatalogue.Apply(new AlertThresholds(), new TileThresholds(), stored);

        Assert.Equal(3, alerts.MaxVoicemailBacklog);
        Assert.Equal(0.97, tiles.CallSuccessAmberBelow);
        Assert.Equal(0.9, alerts.MinCallSuccessRate);
        Assert.Equal(5, alerts.NotReadyMinutes);
    }

    [Fact]
    public void Percentages_show_as_people_type_them_and_the_audit_text_carries_the_unit()
    {
        var rate = ThresholdCatalogue.Find("Console:Tiles:CallSuccessAmberBelow")!;
        var window = ThresholdCatalogue.Find("Alerts:CallWindowMinutes")!;

        Assert.Equal(95, rate.ToDisplay(0.95));
        Assert.Equal(0.95, rate.FromDisplay(95));
        Assert.Equal("95 %", rate.Describe(0.95));
        Assert.Equal("30 min", window.Describe(30));
    }
}
