using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telephony.Core.Voicemail;
using Telephony.Data.Metrics.Reports;
using Telephony.Web.Components;
using Telephony.Web.Components.Common;

namespace Telephony.Web.Reports;

/// <summary>The Reports page (<c>/reports</c>) and its export: the query.</summary>
public static class ReportServices
{
    public static IHostApplicationBuilder AddReportServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ReportQuery>();
        return builder;
    }

    /// <summary>The callback SLA as the Voicemail inbox badges it: <c>Console:CallbackSlaHours</c> business hours in the console's zone.</summary>
    public static CallbackSla CallbackSla(IOptions<ConsoleOptions> options, ConsoleClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        return new CallbackSla(options.Value.BusinessHoursIn(clock.Zone), options.Value.CallbackSlaHours);
    }
}
