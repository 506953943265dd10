using Telephony.Core.Reports;

namespace Telephony.Data.Metrics.Reports;

/// <summary>A report over <see cref="Range"/>: one <see cref="ReportFigures"/> per bucket (hours or days) and the whole range's.</summary>
public sealed record Report(ReportRange Range, IReadOnlyList<ReportFigures> Buckets, ReportFigures Total);
