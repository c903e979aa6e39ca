using Assist.Domain.Common;
using Assist.Domain.Scoring;

namespace Assist.Storage.Reports;

/// <summary>A period's scorecard: the weights it was scored with, every department's line in rank order, the bottom units.</summary>
public sealed record ScorecardReport(ReportPeriod Period, ScoreWeights Weights, int BottomCount, ValueList<ScorecardLine> Lines)
{
    public IReadOnlyList<ScorecardLine> Bottom => [.. Lines.Where(l => l.Bottom)];

    /// <summary>Ratings over all departments, for the satisfaction distribution.</summary>
    public DepartmentCounts Total => Lines.Aggregate(DepartmentCounts.Zero(""), (sum, line) => sum.Add(line.Counts with { DepartmentId = "" }));
}
