using Assist.Domain.Common;

namespace Assist.Domain.Scoring;

/// <summary>Scorecard arithmetic: rates, weighted score with floors, ranking with ties, bottom-N, the full scorecard.</summary>
public static class Scorecard
{
    public static decimal? Rate(DepartmentCounts counts, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var (numerator, denominator) = metric switch
        {
            Metric.TimelySignIn => (counts.SignedInOnTime, counts.SignInsDue),
            Metric.OnTimeCompletion => (counts.CompletedOnTime, counts.CompletionsDue),
            Metric.Resolution => (counts.Resolved, counts.Answered),
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

        // No applicable weighted metric: not a zero, no score at all (无件不排名).
        decimal? score = totalWeight == 0m ? null : Math.Round(100m * weighted / totalWeight, 2, MidpointRounding.AwayFromZero);
        return new DepartmentScore(counts.DepartmentId, counts, rates, score);
    }

    /// <summary>
    /// Highest score first; equal scores share a rank (1, 1, 3); ties listed by department id. Departments without a
    /// score (无件不排名) are left out.
    /// </summary>
    public static ValueList<RankedDepartment> Rank(IEnumerable<DepartmentScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ordered = scores.Where(s => s.Ranked).OrderByDescending(s => s.Score).ThenBy(s => s.DepartmentId, StringComparer.Ordinal).ToList();
        var ranked = new List<RankedDepartment>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Score == ordered[i - 1].Score ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedDepartment(rank, ordered[i]));
        }

        return ranked.ToValueList();
    }

    /// <summary>The <paramref name="count"/> lowest-scoring ranked departments, plus any tied with the last of them.</summary>
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

    /// <summary>响应率: first contacts with the enterprise over tickets signed in (null when none was signed in).</summary>
    public static decimal? ResponseRate(ServiceTimes times)
    {
        ArgumentNullException.ThrowIfNull(times);
        return times.SignedIn == 0 ? null : (decimal)times.Responded / times.SignedIn;
    }

    /// <summary>Average office time per item in working days of <paramref name="dayLength"/>, two decimals (null when <paramref name="items"/> is 0).</summary>
    public static decimal? AverageWorkingDays(long workingMinutes, long items, TimeSpan dayLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(dayLength, TimeSpan.Zero);
        return items == 0 ? null : Math.Round(workingMinutes / (decimal)dayLength.TotalMinutes / items, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The scorecard of a period: every department with counters or times, scored with <paramref name="weights"/>,
    /// ranked with ties, the <paramref name="bottomCount"/> lowest (and those tied with them) marked; then, without a
    /// rank and never marked, the departments no weighted metric applies to (无件不排名), by id. O(departments).
    /// </summary>
    public static ValueList<ScorecardLine> Build(
        IReadOnlyDictionary<string, DepartmentCounts> counts,
        IReadOnlyDictionary<string, ServiceTimes> times,
        ScoreWeights weights,
        int bottomCount,
        TimeSpan dayLength)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(weights);
        var departments = counts.Keys.Union(times.Keys, StringComparer.Ordinal);
        var scores = departments.Select(id => Score(counts.GetValueOrDefault(id) ?? DepartmentCounts.Zero(id), weights)).ToList();
        var ranking = Rank(scores);
        var bottom = BottomN(ranking, bottomCount).Select(r => r.Score.DepartmentId).ToHashSet(StringComparer.Ordinal);
        var unranked = scores.Where(s => !s.Ranked).OrderBy(s => s.DepartmentId, StringComparer.Ordinal).Select(s => ((int?)null, s));
        return ranking.Select(r => ((int?)r.Rank, r.Score)).Concat(unranked).Select(r =>
        {
            var (rank, score) = r;
            var id = score.DepartmentId;
            var t = times.GetValueOrDefault(id) ?? ServiceTimes.Zero(id);
            return new ScorecardLine(
                rank,
                score,
                t,
                ResponseRate(t),
                AverageWorkingDays(t.ReplyWorkingMinutes, t.Replies, dayLength),
                AverageWorkingDays(t.CloseWorkingMinutes, t.Closes, dayLength),
                bottom.Contains(id));
        }).ToValueList();
    }
}
