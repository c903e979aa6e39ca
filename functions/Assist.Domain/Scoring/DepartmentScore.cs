namespace Assist.Domain.Scoring;

/// <summary>
/// A department's rates (null where nothing was behind them: the metric is not applicable, left out, and the other
/// weights share its place) and its score out of 100, rounded to two decimals; the score is null when no weighted
/// metric applies (无件不排名: the department is not ranked).
/// </summary>
public sealed record DepartmentScore(string DepartmentId, DepartmentCounts Counts, IReadOnlyDictionary<Metric, decimal?> Rates, decimal? Score)
{
    public bool Ranked => Score is not null;
}
