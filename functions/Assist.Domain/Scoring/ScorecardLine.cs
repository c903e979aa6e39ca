namespace Assist.Domain.Scoring;

/// <summary>
/// One department's line of a scorecard: its place (null when it is not ranked, 无件不排名: no weighted metric
/// applies), the weighted score and rates, 响应率 (first contact with the enterprise over tickets signed in; reported,
/// not weighted), and average working days to reply and to close (null when nothing was replied or closed).
/// <see cref="Bottom"/> marks the bottom-N units of the 通报, always ranked ones.
/// </summary>
public sealed record ScorecardLine(
    int? Rank,
    DepartmentScore Score,
    ServiceTimes Times,
    decimal? ResponseRate,
    decimal? AverageWorkingDaysToReply,
    decimal? AverageWorkingDaysToClose,
    bool Bottom)
{
    public string DepartmentId => Score.DepartmentId;

    public DepartmentCounts Counts => Score.Counts;

    public bool Ranked => Rank is not null;
}
