using Assist.Domain.Common;

namespace Assist.Domain.Scoring;

/// <param name="Metrics">The weighted metrics with their floors.</param>
/// <param name="ResponseFloor">
/// The floor of 响应率, which is reported and medalled but not weighted: below it no medal. None unless configured.
/// </param>
public sealed record ScoreWeights(ValueList<MetricWeight> Metrics, decimal? ResponseFloor = null)
{
    /// <summary>Default weights: sign-in 20, on time 30, resolution 20, satisfaction 30; floors 60 %, 60 %, 50 %, 60 %.</summary>
    public static ScoreWeights Default { get; } = new(ValueList.Of(
        new MetricWeight(Metric.TimelySignIn, 20m, 0.6m),
        new MetricWeight(Metric.OnTimeCompletion, 30m, 0.6m),
        new MetricWeight(Metric.Resolution, 20m, 0.5m),
        new MetricWeight(Metric.Satisfaction, 30m, 0.6m)));

    /// <summary>The floor a rate must reach to win a medal in <paramref name="metric"/> (0 when none is configured).</summary>
    public decimal FloorOf(Metric metric) => Metrics.FirstOrDefault(m => m.Metric == metric)?.Floor ?? 0m;
}
