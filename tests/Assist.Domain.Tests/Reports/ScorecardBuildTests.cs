using Assist.Domain.Scoring;

namespace Assist.Domain.Tests.Reports;

public sealed class ScorecardBuildTests
{
    private static readonly TimeSpan SevenHours = TimeSpan.FromHours(7);

    [Fact]
    public void ResponseRate_FirstContactsOverSignIns_NullWhenNothingSignedIn()
    {
        Assert.Equal(0.75m, Scorecard.ResponseRate(ServiceTimes.Zero("d") with { SignedIn = 4, Responded = 3 }));
        Assert.Null(Scorecard.ResponseRate(ServiceTimes.Zero("d")));
    }

    [Fact]
    public void AverageWorkingDays_OfficeMinutesOverItems_InSevenHourDays()
    {
        // Two replies taking 7 h and 14 h of office time: 1.5 working days on average.
        Assert.Equal(1.5m, Scorecard.AverageWorkingDays(21 * 60, 2, SevenHours));
        Assert.Null(Scorecard.AverageWorkingDays(0, 0, SevenHours));
    }

    [Fact]
    public void Build_CountsAndTimes_RankedWithTiesAndBottomMarked()
    {
        var counts = new Dictionary<string, DepartmentCounts>
        {
            ["a"] = DepartmentCounts.Zero("a") with { SignInsDue = 10, SignedInOnTime = 10, CompletionsDue = 4, CompletedOnTime = 4, Answered = 4, Resolved = 4 },
            ["b"] = DepartmentCounts.Zero("b") with { SignInsDue = 10, SignedInOnTime = 10, CompletionsDue = 4, CompletedOnTime = 4, Answered = 4, Resolved = 4 },
            ["c"] = DepartmentCounts.Zero("c") with { SignInsDue = 10, SignedInOnTime = 5, CompletionsDue = 4, CompletedOnTime = 2, Answered = 4, Resolved = 4 },
        };
        var times = new Dictionary<string, ServiceTimes>
        {
            ["a"] = ServiceTimes.Zero("a") with { SignedIn = 10, Responded = 9, Replies = 4, ReplyWorkingMinutes = 4 * 420, Closes = 2, CloseWorkingMinutes = 2 * 3 * 420 },
            ["d"] = ServiceTimes.Zero("d") with { SignedIn = 1 },
        };

        var lines = Scorecard.Build(counts, times, ScoreWeights.Default, 1, SevenHours);

        // c: sign-in and on-time 50 % are under their 60 % floors, resolution 100 % earns 20 of the 70 weight in play
        // (nothing rated: satisfaction sits out) = 28.57; d has only times, so no rate: not ranked, listed last.
        Assert.Equal([(1, "a", 100m), (1, "b", 100m), (3, "c", 28.57m), (null, "d", null)], lines.Select(l => (l.Rank, l.DepartmentId, l.Score.Score)));
        Assert.Equal(["c"], lines.Where(l => l.Bottom).Select(l => l.DepartmentId));
        var a = lines[0];
        Assert.Equal((0.9m, 1m, 3m), (a.ResponseRate!.Value, a.AverageWorkingDaysToReply!.Value, a.AverageWorkingDaysToClose!.Value));
        Assert.Null(lines[1].AverageWorkingDaysToReply);
    }

    [Fact]
    public void Build_DepartmentsWithoutTickets_NotRankedNeverBottomListedAfterTheRanked()
    {
        var counts = new Dictionary<string, DepartmentCounts>
        {
            ["busy"] = DepartmentCounts.Zero("busy") with { SignInsDue = 2, SignedInOnTime = 1, CompletionsDue = 2, CompletedOnTime = 1 },
            ["idle-a"] = DepartmentCounts.Zero("idle-a"),
            ["idle-b"] = DepartmentCounts.Zero("idle-b") with { Returns = 1 },
        };

        var lines = Scorecard.Build(counts, new Dictionary<string, ServiceTimes>(), ScoreWeights.Default, 3, SevenHours);

        Assert.Equal([("busy", (int?)1, true), ("idle-a", null, false), ("idle-b", null, false)], lines.Select(l => (l.DepartmentId, l.Rank, l.Bottom)));
        Assert.All(lines.Skip(1), l => Assert.Null(l.Score.Score));
    }

    [Theory]
    [InlineData("2026-02", "2026-02", 1, "2026-02-01", "2026-02-28")]
    [InlineData("2026-Q1", "2026-01,2026-02,2026-03", 3, "2026-01-01", "2026-03-31")]
    [InlineData("2024-q4", "2024-10,2024-11,2024-12", 3, "2024-10-01", "2024-12-31")]
    public void TryParse_MonthOrQuarter_MonthsAndDays(string text, string months, int count, string first, string last)
    {
        Assert.True(ReportPeriod.TryParse(text, out var period));
        Assert.Equal(months.Split(','), period.Months);
        Assert.Equal((count, DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)), (period.MonthCount, period.FirstDay, period.LastDay));
        Assert.Equal(text.ToUpperInvariant(), period.ToString().ToUpperInvariant());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026/02")]
    [InlineData("1999-01")]
    [InlineData("2026-1")]
    public void TryParse_Malformed_False(string text)
    {
        Assert.False(ReportPeriod.TryParse(text, out _));
    }
}
