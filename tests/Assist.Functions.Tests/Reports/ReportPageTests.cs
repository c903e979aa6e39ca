using System.Net;
using Assist.Functions.Tests.Api;

namespace Assist.Functions.Tests.Reports;

public sealed class ReportPageTests(ReportApiFixture fixture) : IClassFixture<ReportApiFixture>
{
    [Theory]
    [InlineData("/reports/scorecard?period=2026-03", "部门考核", "地方金融管理局")]
    [InlineData("/reports/medals?quarter=2026-Q1", "季度奖牌榜", "金牌")]
    [InlineData("/reports/charts?period=2026-03", "积压工单走势", "<svg")]
    [InlineData("/reports/ledger?period=2026-03&status=Closed", "诉求台账", "已办结")]
    public async Task Get_ReportPageAsSupervisor_RendersInTheLayout(string path, string heading, string content)
    {
        var page = await ApiHarness.SendAsync(fixture.Callers["supervisor.1"], HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("site-header", page.Text, StringComparison.Ordinal);
        Assert.Contains(heading, page.Text, StringComparison.Ordinal);
        Assert.Contains(content, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBulletin_Printable_PrintStylesheetRedCardsNoMobileNoConfidentialName()
    {
        var page = await ApiHarness.SendAsync(fixture.Callers["hq.leader"], HttpMethod.Get, "/reports/bulletin?month=2026-03");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("2026年3月企业诉求办理情况通报", page.Text, StringComparison.Ordinal);
        Assert.Contains("/css/reports.css", page.Text, StringComparison.Ordinal);
        Assert.Contains(fixture.SecretNumber, page.Text, StringComparison.Ordinal);
        Assert.Contains("（保密诉求）", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportApiFixture.SecretEnterprise, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "2026年3月11日", "2026年3月12日 00:00")]
    [InlineData("en", "Wed 11 Mar 2026", "12 Mar 2026 00:00")]
    public async Task GetLedger_DayDeadline_ShowsTheDueDateNotTheEndInstant(string language, string dueDate, string endInstant)
    {
        // Received Monday 2 March 09:00 with 7 working days: due Wednesday 11 March, i.e. until 12 March 00:00.
        var page = await ApiHarness.SendAsync(fixture.Callers["supervisor.1"], HttpMethod.Get, "/reports/ledger?period=2026-03", language: language);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var start = page.Text.IndexOf($"data-testid=\"ledger-{fixture.SecretNumber}\"", StringComparison.Ordinal);
        var row = page.Text[start..page.Text.IndexOf("</tr>", start, StringComparison.Ordinal)];
        Assert.Contains(dueDate, row, StringComparison.Ordinal);
        Assert.DoesNotContain(endInstant, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLedger_DepartmentHead_OwnDepartmentOnlyAndNoScorecard()
    {
        var head = fixture.Callers["head.finance"];

        var ledger = await ApiHarness.SendAsync(head, HttpMethod.Get, "/reports/ledger?period=2026-03");
        var other = await ApiHarness.SendAsync(head, HttpMethod.Get, "/reports/ledger?period=2026-03&department=tax");
        var scorecard = await ApiHarness.SendAsync(head, HttpMethod.Get, "/reports/scorecard?period=2026-03");

        Assert.Equal(HttpStatusCode.OK, ledger.Status);
        Assert.Contains(fixture.SecretNumber, ledger.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportApiFixture.SecretEnterprise, ledger.Text, StringComparison.Ordinal);
        Assert.Contains("/api/reports/ledger/export.xlsx?period=2026-03&amp;department=finance", ledger.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal(HttpStatusCode.Forbidden, scorecard.Status);
    }
}
