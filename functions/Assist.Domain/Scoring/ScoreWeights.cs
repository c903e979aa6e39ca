using Assist.Domain.Common;

namespace Assist.Domain.Scoring;

public sealed record ScoreWeights(ValueList<MetricWeight> Metrics)
{
    /// <summary>Default weights: sign-in 20, on time 30, resolution 20, satisfaction 30; floors 60 %, 60 %, 50 %, 60 %.</summary>
    public static ScoreWeights Default { get; } = new(ValueList.Of(
        new MetricWeight(Metric.TimelySignIn, 20m, 0.6m),
        new MetricWeight(Metric.OnTimeCompletion, 30m, 0.6m),
        new MetricWeight(Metric.Resolution, 20m, 0.5m),
        new MetricWeight(Metric.Satisfaction, 30m, 0.6m)));
}
