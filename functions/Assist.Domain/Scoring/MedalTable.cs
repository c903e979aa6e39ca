using Assist.Domain.Common;

namespace Assist.Domain.Scoring;

/// <summary>
/// The quarterly 奖牌榜 ("评出单项及全能冠、亚、季军… 发布奖牌榜"): gold, silver and bronze for the overall score
/// and for each rate. Places are competition ranks, so ties share a medal and the next place is skipped, as at the
/// Olympics: two golds leave no silver, the next department takes bronze. A department without a value in a
/// category (nothing was due) competes in nothing there; the overall medal goes to ranked departments only
/// (无件不排名). A rate below its floor in <see cref="ScoreWeights"/> wins no medal: it scores 0 in the score, so it
/// cannot be honoured on the medal table either.
/// </summary>
public sealed record MedalTable(ValueList<MedalAward> Awards, ValueList<MedalTally> Tally)
{
    public static MedalTable From(IEnumerable<ScorecardLine> lines, ScoreWeights weights)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(weights);
        var list = lines.ToList();
        var awards = new List<MedalAward>();
        foreach (var category in Enum.GetValues<MedalCategory>())
        {
            var contenders = list
                .Select(line => (line.DepartmentId, Value: ValueOf(line, category)))
                .Where(c => c.Value is { } value && value >= FloorOf(weights, category))
                .Select(c => (c.DepartmentId, Value: c.Value!.Value))
                .OrderByDescending(c => c.Value)
                .ThenBy(c => c.DepartmentId, StringComparer.Ordinal)
                .ToList();
            var place = 0;
            for (var i = 0; i < contenders.Count; i++)
            {
                place = i > 0 && contenders[i].Value == contenders[i - 1].Value ? place : i + 1;
                if (place > (int)Medal.Bronze)
                {
                    break;
                }

                awards.Add(new MedalAward(category, (Medal)place, contenders[i].DepartmentId, contenders[i].Value));
            }
        }

        var tallies = list
            .Select(line => line.DepartmentId)
            .Distinct(StringComparer.Ordinal)
            .Select(id => (
                Id: id,
                Gold: awards.Count(a => a.DepartmentId == id && a.Medal == Medal.Gold),
                Silver: awards.Count(a => a.DepartmentId == id && a.Medal == Medal.Silver),
                Bronze: awards.Count(a => a.DepartmentId == id && a.Medal == Medal.Bronze)))
            .OrderByDescending(t => t.Gold)
            .ThenByDescending(t => t.Silver)
            .ThenByDescending(t => t.Bronze)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        var tally = new List<MedalTally>(tallies.Count);
        for (var i = 0; i < tallies.Count; i++)
        {
            var (id, gold, silver, bronze) = tallies[i];
            var same = i > 0 && (gold, silver, bronze) == (tallies[i - 1].Gold, tallies[i - 1].Silver, tallies[i - 1].Bronze);
            tally.Add(new MedalTally(same ? tally[i - 1].Rank : i + 1, id, gold, silver, bronze));
        }

        return new MedalTable(awards.ToValueList(), tally.ToValueList());
    }

    /// <summary>The medals of one category, gold first.</summary>
    public IReadOnlyList<MedalAward> In(MedalCategory category) => [.. Awards.Where(a => a.Category == category).OrderBy(a => a.Medal)];

    private static decimal FloorOf(ScoreWeights weights, MedalCategory category) => category switch
    {
        MedalCategory.Overall => 0m,
        MedalCategory.TimelySignIn => weights.FloorOf(Metric.TimelySignIn),
        MedalCategory.Response => weights.ResponseFloor ?? 0m,
        MedalCategory.OnTimeCompletion => weights.FloorOf(Metric.OnTimeCompletion),
        MedalCategory.Resolution => weights.FloorOf(Metric.Resolution),
        MedalCategory.Satisfaction => weights.FloorOf(Metric.Satisfaction),
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    private static decimal? ValueOf(ScorecardLine line, MedalCategory category) => category switch
    {
        MedalCategory.Overall => line.Ranked ? line.Score.Score : null,
        MedalCategory.TimelySignIn => line.Score.Rates.GetValueOrDefault(Metric.TimelySignIn),
        MedalCategory.Response => line.ResponseRate,
        MedalCategory.OnTimeCompletion => line.Score.Rates.GetValueOrDefault(Metric.OnTimeCompletion),
        MedalCategory.Resolution => line.Score.Rates.GetValueOrDefault(Metric.Resolution),
        MedalCategory.Satisfaction => line.Score.Rates.GetValueOrDefault(Metric.Satisfaction),
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };
}
