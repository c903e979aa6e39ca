using Assist.Domain.Scoring;

namespace Assist.Storage.Reports;

/// <summary>
/// The monthly 通报: tickets received and closed in the month, the red cards, the ranking and the bottom units.
/// Built from the projections only; never a mobile, never a confidential enterprise's name.
/// </summary>
public sealed record Bulletin(ReportPeriod Period, long Received, long Closed, IReadOnlyList<RedCardEntry> RedCards, ScorecardReport Scorecard);
