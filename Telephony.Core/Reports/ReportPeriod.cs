namespace Telephony.Core.Reports;

/// <summary>The span a report covers; its wire name is the <c>range</c> of <c>/reports?range=week</c>.</summary>
public enum ReportPeriod
{
    /// <summary>One day, midnight to midnight in the hotline's zone, in hours.</summary>
    Day,

    /// <summary>Monday to Sunday, in days.</summary>
    Week,

    /// <summary>A calendar month, in days.</summary>
    Month,

    /// <summary>From one date to another (both included), in days; in hours when both are the same day.</summary>
    Custom,
}
