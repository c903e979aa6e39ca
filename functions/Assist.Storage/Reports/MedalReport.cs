using Assist.Domain.Scoring;

namespace Assist.Storage.Reports;

/// <summary>A quarter's medal table with the scorecard it was awarded from.</summary>
public sealed record MedalReport(ReportPeriod Period, ScorecardReport Scorecard, MedalTable Medals);
