using Assist.Domain.Common;

namespace Assist.Domain.Scoring;

/// <summary>Scorecard arithmetic: rates, weighted score with floors, ranking with ties, bottom-N.</summary>
public static class Scorecard
{
    public static decimal? Rate(DepartmentCounts counts, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var (numerator, denominator) = metric switch
        {
            Metric.TimelySignIn => (counts.SignedInOnTime, counts.SignInsDue),
            Metric.OnTimeCompletion => (counts.RepliedOnTime, counts.Replied),
            Metric.Resolution => (counts.Resolved, counts.Replied),
            Metric.Satisfaction => (counts.SatisfiedOrBetter, counts.Rated),
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
        return denominator == 0 ? null : (decimal)numerator / denominator;
    }

    public static DepartmentScore Score(DepartmentCounts counts, ScoreWeights weights)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(weights);
        var rates = Enum.GetValues<Metric>().ToDictionary(metric => metric, metric => Rate(counts, metric));
        var weighted = 0m;
        var totalWeight = 0m;
        foreach (var metric in weights.Metrics)
        {
            if (rates[metric.Metric] is not { } rate)
            {
                continue;
            }

            totalWeight += metric.Weight;
            weighted += rate < metric.Floor ? 0m : metric.Weight * rate;
        }

        var score = totalWeight == 0m ? 0m : Math.Round(100m * weighted / totalWeight, 2, MidpointRounding.AwayFromZero);
        return new DepartmentScore(counts.DepartmentId, counts, rates, score);
    }

    /// <summary>Highest score first; equal scores share a rank (1, 1, 3); ties listed by department id.</summary>
    public static ValueList<RankedDepartment> Rank(IEnumerable<DepartmentScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ordered = scores.OrderByDescending(s => s.Score).ThenBy(s => s.DepartmentId, StringComparer.Ordinal).ToList();
        var ranked = new List<RankedDepartment>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Score == ordered[i - 1].Score ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedDepartment(rank, ordered[i]));
        }

        return ranked.ToValueList();
    }

    /// <summary>The <paramref name="count"/> lowest-scoring departments, plus any tied with the last of them.</summary>
    public static ValueList<RankedDepartment> BottomN(IReadOnlyList<RankedDepartment> ranking, int count)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        if (count <= 0 || ranking.Count == 0)
        {
            return ValueList.Empty<RankedDepartment>();
        }

        var threshold = ranking[^Math.Min(count, ranking.Count)].Score.Score;
        return ranking.Where(r => r.Score.Score <= threshold).ToValueList();
    }
}
