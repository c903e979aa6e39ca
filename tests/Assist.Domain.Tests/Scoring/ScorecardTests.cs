using Assist.Domain.Common;
using Assist.Domain.Scoring;

namespace Assist.Domain.Tests.Scoring;

public sealed class ScorecardTests
{
    private static DepartmentCounts Counts(string id, int due = 10, int onTime = 9, int completionsDue = 10, int completedOnTime = 8, int answered = 10, int resolved = 9,
        int verySatisfied = 4, int satisfied = 3, int basically = 1, int dissatisfied = 1, int veryDissatisfied = 1, int unrated = 5) =>
        DepartmentCounts.Zero(id) with
        {
            SignInsDue = due,
            SignedInOnTime = onTime,
            Replied = answered,
            CompletionsDue = completionsDue,
            CompletedOnTime = completedOnTime,
            Answered = answered,
            Resolved = resolved,
            VerySatisfied = verySatisfied,
            Satisfied = satisfied,
            BasicallySatisfied = basically,
            Dissatisfied = dissatisfied,
            VeryDissatisfied = veryDissatisfied,
            Unrated = unrated,
        };

    [Fact]
    public void Rate_Satisfaction_TopThreeLevelsOverRatedUnratedExcluded()
    {
        Assert.Equal(0.8m, Scorecard.Rate(Counts("d"), Metric.Satisfaction));
    }

    [Fact]
    public void Rate_NothingDue_NoRate()
    {
        Assert.Null(Scorecard.Rate(Counts("d", due: 0, onTime: 0), Metric.TimelySignIn));
    }

    [Fact]
    public void Score_AllMetrics_WeightedAverageOutOfHundred()
    {
        // 20·0.9 + 30·0.8 + 20·0.9 + 30·0.8 = 84 over 100
        Assert.Equal(84m, Scorecard.Score(Counts("d"), ScoreWeights.Default).Score);
    }

    [Fact]
    public void Score_MetricBelowFloor_ScoresZeroForThatMetric()
    {
        // on time 5/10 is below the 60 % floor: 20·0.9 + 0 + 20·0.9 + 30·0.8 = 60
        Assert.Equal(60m, Scorecard.Score(Counts("d", completedOnTime: 5), ScoreWeights.Default).Score);
    }

    [Fact]
    public void Score_MetricWithoutData_OtherWeightsShareItsPlace()
    {
        // nothing rated: (20·0.9 + 30·0.8 + 20·0.9) / 70
        var score = Scorecard.Score(Counts("d", verySatisfied: 0, satisfied: 0, basically: 0, dissatisfied: 0, veryDissatisfied: 0), ScoreWeights.Default);

        Assert.Equal(85.71m, score.Score);
        Assert.Null(score.Rates[Metric.Satisfaction]);
    }

    [Fact]
    public void Score_CustomWeights_Applied()
    {
        var weights = new ScoreWeights(ValueList.Of(new MetricWeight(Metric.Resolution, 1m, 0m)));

        Assert.Equal(90m, Scorecard.Score(Counts("d"), weights).Score);
    }

    [Fact]
    public void Rank_EqualScores_ShareRankAndNextSkips()
    {
        var scores = new[]
        {
            Scorecard.Score(Counts("c", completedOnTime: 5), ScoreWeights.Default),
            Scorecard.Score(Counts("b"), ScoreWeights.Default),
            Scorecard.Score(Counts("a"), ScoreWeights.Default),
            Scorecard.Score(Counts("d", onTime: 10), ScoreWeights.Default),
        };

        var ranking = Scorecard.Rank(scores);

        Assert.Equal([(1, "d"), (2, "a"), (2, "b"), (4, "c")], ranking.Select(r => (r.Rank, r.Score.DepartmentId)));
    }

    [Fact]
    public void BottomN_TieAtBoundary_IncludesEveryTiedDepartment()
    {
        var ranking = Scorecard.Rank(new[]
        {
            Scorecard.Score(Counts("top", onTime: 10), ScoreWeights.Default),
            Scorecard.Score(Counts("a"), ScoreWeights.Default),
            Scorecard.Score(Counts("b"), ScoreWeights.Default),
        });

        Assert.Equal(["a", "b"], Scorecard.BottomN(ranking, 1).Select(r => r.Score.DepartmentId));
        Assert.Empty(Scorecard.BottomN(ranking, 0));
    }

    [Fact]
    public void Score_NoWeightedMetricApplies_NoScoreAndNotRanked()
    {
        var idle = Scorecard.Score(DepartmentCounts.Zero("idle") with { Replied = 2, Overdue = 1 }, ScoreWeights.Default);

        Assert.Null(idle.Score);
        Assert.False(idle.Ranked);
        Assert.All(idle.Rates.Values, Assert.Null);
    }

    [Fact]
    public void Score_OnlyTicketOverdueAndUnanswered_OnTimeCountsAgainstIt()
    {
        // Signed in on time, then nothing: the ticket is due and open, so 按时办结率 is 0 % (under its floor) and
        // the department scores 20 of the 50 weight in play, not 100.
        var score = Scorecard.Score(DepartmentCounts.Zero("d") with { SignInsDue = 1, SignedInOnTime = 1, CompletionsDue = 1 }, ScoreWeights.Default);

        Assert.Equal(0m, score.Rates[Metric.OnTimeCompletion]);
        Assert.Null(score.Rates[Metric.Resolution]);
        Assert.Equal(40m, score.Score);
    }

    [Fact]
    public void Rate_ResolutionOfAcceptedAnswersOnly_RejectedRepliesNotInTheDenominator()
    {
        // Three replies sent, two rejected: one accepted answer, resolved.
        var counts = DepartmentCounts.Zero("d") with { Replied = 3, Answered = 1, Resolved = 1 };

        Assert.Equal(1m, Scorecard.Rate(counts, Metric.Resolution));
        Assert.Null(Scorecard.Rate(counts with { Answered = 0, Resolved = 0 }, Metric.Resolution));
    }

    [Fact]
    public void Rank_DepartmentWithoutScore_LeftOut()
    {
        var ranking = Scorecard.Rank(new[]
        {
            Scorecard.Score(DepartmentCounts.Zero("idle"), ScoreWeights.Default),
            Scorecard.Score(Counts("a"), ScoreWeights.Default),
        });

        Assert.Equal([(1, "a")], ranking.Select(r => (r.Rank, r.Score.DepartmentId)));
        Assert.Equal(["a"], Scorecard.BottomN(ranking, 3).Select(r => r.Score.DepartmentId));
    }

    [Fact]
    public void Add_TwoMonths_QuarterCounts()
    {
        var quarter = Counts("d").Add(Counts("d") with { Overdue = 2, ImproperReturns = 1 });

        Assert.Equal((20, 2, 1, 16), (quarter.SignInsDue, quarter.Overdue, quarter.ImproperReturns, quarter.SatisfiedOrBetter));
    }
}
