using Assist.Domain.Scoring;

namespace Assist.Domain.Tests.Reports;

public sealed class MedalTableTests
{
    /// <summary>A department whose every rate is <paramref name="rate"/> out of 10 (and 响应率 <paramref name="response"/> out of 10).</summary>
    private static ScorecardLine Line(string id, int rate, int? response = null)
    {
        var counts = DepartmentCounts.Zero(id) with
        {
            SignInsDue = 10,
            SignedInOnTime = rate,
            Replied = 10,
            CompletionsDue = 10,
            CompletedOnTime = rate,
            Answered = 10,
            Resolved = rate,
            VerySatisfied = rate,
            Dissatisfied = 10 - rate,
        };
        var times = ServiceTimes.Zero(id) with { SignedIn = 10, Responded = response ?? rate };
        return new ScorecardLine(1, Scorecard.Score(counts, ScoreWeights.Default), times, Scorecard.ResponseRate(times), null, null, false);
    }

    [Fact]
    public void From_DistinctScores_GoldSilverBronzeToTheTopThreeInEveryCategory()
    {
        var table = MedalTable.From([Line("a", 9), Line("b", 8), Line("c", 7), Line("d", 6)], ScoreWeights.Default);

        foreach (var category in Enum.GetValues<MedalCategory>())
        {
            Assert.Equal([("a", Medal.Gold), ("b", Medal.Silver), ("c", Medal.Bronze)], table.In(category).Select(m => (m.DepartmentId, m.Medal)));
        }

        Assert.Equal([(1, "a", 6), (2, "b", 0), (3, "c", 0), (4, "d", 0)], table.Tally.Select(t => (t.Rank, t.DepartmentId, t.Gold)));
    }

    [Fact]
    public void From_TieForFirst_BothTakeGoldNoSilverNextTakesBronze()
    {
        var table = MedalTable.From([Line("a", 9), Line("b", 9), Line("c", 8), Line("d", 7)], ScoreWeights.Default);

        Assert.Equal([("a", Medal.Gold), ("b", Medal.Gold), ("c", Medal.Bronze)], table.In(MedalCategory.Overall).Select(m => (m.DepartmentId, m.Medal)));
        Assert.Equal([1, 1, 3, 4], table.Tally.Select(t => t.Rank));
    }

    [Fact]
    public void From_TieForThird_BothTakeBronze()
    {
        var table = MedalTable.From([Line("a", 9), Line("b", 8), Line("c", 7), Line("d", 7), Line("e", 6)], ScoreWeights.Default);

        Assert.Equal(["a", "b", "c", "d"], table.In(MedalCategory.Satisfaction).Select(m => m.DepartmentId));
        Assert.Equal(Medal.Bronze, table.In(MedalCategory.Satisfaction)[3].Medal);
    }

    [Fact]
    public void From_SingleMetricLeader_WinsThatMedalOnly()
    {
        var table = MedalTable.From([Line("a", 9, response: 5), Line("b", 8, response: 10), Line("c", 7, response: 6)], ScoreWeights.Default);

        Assert.Equal("b", table.In(MedalCategory.Response)[0].DepartmentId);
        Assert.Equal("a", table.In(MedalCategory.Overall)[0].DepartmentId);
        Assert.Equal((5, 1), (table.Tally.Single(t => t.DepartmentId == "a").Gold, table.Tally.Single(t => t.DepartmentId == "b").Gold));
    }

    [Fact]
    public void From_DepartmentWithNothingDue_CompetesInNothing()
    {
        var idle = new ScorecardLine(null, Scorecard.Score(DepartmentCounts.Zero("idle"), ScoreWeights.Default), ServiceTimes.Zero("idle"), null, null, null, false);

        var table = MedalTable.From([Line("a", 9), idle], ScoreWeights.Default);

        Assert.DoesNotContain(table.Awards, a => a.DepartmentId == "idle");
        Assert.Equal(0, table.Tally.Single(t => t.DepartmentId == "idle").Total);
    }

    [Fact]
    public void From_RateBelowItsFloor_NoMedalEvenInTheTopThree()
    {
        // Sign-in 1/3 (33.3 %) under the 60 % floor: no bronze for c, though it is third of three.
        var lines = new[] { Line("a", 9), Line("b", 8), Line("c", 7) }.ToList();
        var c = lines[2];
        lines[2] = c with { Score = Scorecard.Score(c.Counts with { SignInsDue = 3, SignedInOnTime = 1 }, ScoreWeights.Default) };

        var table = MedalTable.From(lines, ScoreWeights.Default);

        Assert.Equal(["a", "b"], table.In(MedalCategory.TimelySignIn).Select(m => m.DepartmentId));
        Assert.Contains(table.In(MedalCategory.Satisfaction), m => m.DepartmentId == "c");
    }

    [Fact]
    public void From_ResponseFloorConfigured_ResponseBelowItWinsNothing()
    {
        var lines = new[] { Line("a", 9, response: 9), Line("b", 8, response: 4) };

        Assert.Equal(["a", "b"], MedalTable.From(lines, ScoreWeights.Default).In(MedalCategory.Response).Select(m => m.DepartmentId));
        Assert.Equal(["a"], MedalTable.From(lines, ScoreWeights.Default with { ResponseFloor = 0.5m }).In(MedalCategory.Response).Select(m => m.DepartmentId));
    }

    [Fact]
    public void From_DepartmentNotRanked_NoOverallMedal()
    {
        var idle = new ScorecardLine(null, Scorecard.Score(DepartmentCounts.Zero("idle"), ScoreWeights.Default), ServiceTimes.Zero("idle") with { SignedIn = 1, Responded = 1 }, 1m, null, null, false);

        var table = MedalTable.From([Line("a", 9), idle], ScoreWeights.Default);

        Assert.Equal(["a"], table.In(MedalCategory.Overall).Select(m => m.DepartmentId));
    }
}
