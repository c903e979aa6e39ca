namespace Assist.Domain.Scoring;

/// <summary>
/// A department's rates (null where nothing was due: the metric is left out and the other weights share its
/// place) and its score out of 100, rounded to two decimals.
/// </summary>
public sealed record DepartmentScore(string DepartmentId, DepartmentCounts Counts, IReadOnlyDictionary<Metric, decimal?> Rates, decimal Score);
