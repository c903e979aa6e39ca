using System.Globalization;
using System.Text.Json;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Scoring;
using Assist.Functions.Api.Reports;
using Assist.Functions.Components.Reports;
using Assist.Storage.Directory;

namespace Assist.Functions.Tests.Reports;

/// <summary>How the report pages and the API show a metric with no tickets behind it and a department not ranked.</summary>
public sealed class ReportTextTests
{
    private static readonly DirectorySnapshot Directory = new(
        new OrganizationDirectory(ValueList.Empty<Department>(), ValueList.Empty<StaffUser>(), DefaultPolicies.Topics, ValueList.Empty<string>()),
        new RoutingTable(ValueList.Empty<RoutingRule>()),
        DefaultPolicies.Create(),
        WorkingCalendar.Default,
        ScoreWeights.Default,
        "test");

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("zh-CN", "按时办结率", "无件不排名")]
    [InlineData("en", "Completed on time", "not ranked (no tickets)")]
    public void OnTimeAndNotRanked_PageLanguage_LabelsInThatLanguage(string culture, string onTime, string notRanked)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

            Assert.Equal(onTime, ReportText.OnTime);
            Assert.Equal(onTime, ReportText.Category(MedalCategory.OnTimeCompletion));
            Assert.Equal(notRanked, ReportText.NotRanked);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void ScoreRankAndRate_NotApplicable_ShownAsDash()
    {
        Assert.Equal(("—", "—", "—"), (ReportText.ScoreText(null), ReportText.RankText(null), ReportText.Rate(null)));
        Assert.Equal(("40.00", "3"), (ReportText.ScoreText(40m), ReportText.RankText(3)));
    }

    [Fact]
    public void Line_DepartmentWithoutTickets_RankAndScoreNullNotRankedNeverBottom()
    {
        var lines = Scorecard.Build(
            new Dictionary<string, DepartmentCounts>
            {
                ["busy"] = DepartmentCounts.Zero("busy") with { SignInsDue = 1, SignedInOnTime = 1, CompletionsDue = 1 },
                ["idle"] = DepartmentCounts.Zero("idle") with { Returns = 1 },
            },
            new Dictionary<string, ServiceTimes>(),
            ScoreWeights.Default,
            3,
            TimeSpan.FromHours(7));

        var idle = ReportPresenter.Line(lines.Single(l => l.DepartmentId == "idle"), Directory);
        var json = JsonSerializer.Serialize(idle, Web);

        Assert.Equal(((int?)null, (decimal?)null, false, false), (idle.Rank, idle.Score, idle.Ranked, idle.Bottom));
        Assert.Contains("\"rank\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"score\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"onTimeCompletionRate\":null", json, StringComparison.Ordinal);
        var busy = ReportPresenter.Line(lines.Single(l => l.DepartmentId == "busy"), Directory);
        Assert.Equal((1, 40m, true, true), (busy.Rank, busy.Score, busy.Ranked, busy.Bottom));
    }
}
