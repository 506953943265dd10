using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telephony.Core.Alerts;
using Telephony.Web.Health;

namespace Telephony.Web.Alerts.Outage;

/// <summary>
/// Reads the outage conditions off a readiness report. While the database is unreachable, the journal and the change
/// feed fail because of it: only the database condition is reported then, so one outage is one page.
/// </summary>
internal static class ReadinessConditions
{
    public static IReadOnlyList<OutageObservation> From(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Unhealthy(report, HealthExtensions.Database) is { } database)
        {
            return [new OutageObservation(OutageConditions.DatabaseUnreachable, database)];
        }

        var seen = new List<OutageObservation>();
        if (Unhealthy(report, HealthExtensions.Journal) is { } journal)
        {
            seen.Add(new OutageObservation(OutageConditions.JournalNotDraining, journal));
        }

        if (Unhealthy(report, HealthExtensions.ChangeFeed) is { } changeFeed)
        {
            seen.Add(new OutageObservation(OutageConditions.ChangeFeedDown, changeFeed));
        }

        return seen;
    }

    public static bool DatabaseAnswers(HealthReport report) =>
        report.Entries.TryGetValue(HealthExtensions.Database, out var entry) && entry.Status != HealthStatus.Unhealthy;

    private static string? Unhealthy(HealthReport report, string name) =>
        report.Entries.TryGetValue(name, out var entry) && entry.Status == HealthStatus.Unhealthy
            ? entry.Description ?? entry.Exception?.GetType().Name ?? "unhealthy"
            : null;
}
