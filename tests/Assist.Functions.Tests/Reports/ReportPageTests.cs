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

    public static IEnumerable<object[]> BadParameters() =>
        from page in new[] { ("/reports/scorecard", "period"), ("/reports/charts", "period"), ("/reports/ledger", "period"), ("/reports/medals", "quarter"), ("/reports/bulletin", "month") }
        from value in ReportApiFixture.MalformedPeriods
        from language in ReportApiFixture.Languages
        select new object[] { page.Item1, page.Item2, value, language };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task Get_ReportPageWithMalformedPeriod_Readable400NamingTheParameterAndItsForm(string path, string parameter, string value, string language)
    {
        var page = await ApiHarness.SendAsync(fixture.Callers["supervisor.1"], HttpMethod.Get, $"{path}?{parameter}={value}", language: language);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("text/html", page.MediaType);
        var detail = page.Text[page.Text.IndexOf("data-testid=\"error-detail\"", StringComparison.Ordinal)..];
        detail = detail[..detail.IndexOf("</p>", StringComparison.Ordinal)];
        Assert.Contains("site-header", page.Text, StringComparison.Ordinal);
        Assert.Contains($"{parameter}", detail, StringComparison.Ordinal);
        Assert.Contains(parameter == "month" ? "yyyy-MM" : "yyyy-Qn", detail, StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "must be" : "应为", detail, StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "The request is invalid" : "请求有误", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(language == "en" ? "The form may have expired" : "表单可能已过期", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reports/ledger?period=2026-03&status=Lost", "status")]
    [InlineData("/reports/ledger?period=2026-03&continuationToken=nonsense", "continuationToken")]
    [InlineData("/reports/ledger?period=2026-03&overdue=maybe", "overdue")]
    [InlineData("/reports/medals?quarter=2026-03", "quarter")]
    [InlineData("/reports/bulletin?month=2026-Q1", "month")]
    public async Task Get_ReportPageWithAnotherBadParameter_Readable400NamingIt(string path, string parameter)
    {
        var page = await ApiHarness.SendAsync(fixture.Callers["supervisor.1"], HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains($"参数 {parameter}", page.Text, StringComparison.Ordinal);
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
