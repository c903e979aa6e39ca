namespace Assist.Domain.Scoring;

/// <summary>A metric's weight in the score and its floor: a rate below the floor scores 0 for that metric.</summary>
public sealed record MetricWeight(Metric Metric, decimal Weight, decimal Floor);
