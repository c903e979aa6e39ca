using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Assist.Functions.Tests.Api;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Assist.Functions.Tests.Reports;

public sealed class ReportApiTests(ReportApiFixture fixture) : IClassFixture<ReportApiFixture>
{
    private const string Officer = "officer.finance.1";
    private const string Head = "head.finance";
    private const string Supervisor = "supervisor.1";
    private const string Leader = "hq.leader";
    private const string Admin = "admin";
    private static readonly string[] Overseers = [Supervisor, Leader, Admin];
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>operationId → (path, roles admitted).</summary>
    private static readonly Dictionary<string, (string Path, string[] Roles)> Endpoints = new()
    {
        ["GetLedger"] = ("/api/reports/ledger?period=2026-03", [Head, .. Overseers]),
        ["ExportLedgerCsv"] = ("/api/reports/ledger/export.csv?period=2026-03", [Head, .. Overseers]),
        ["ExportLedgerXlsx"] = ("/api/reports/ledger/export.xlsx?period=2026-03", [Head, .. Overseers]),
        ["GetLedgerChains"] = ("/api/reports/ledger-chains?period=2026-03", [Head, .. Overseers]),
        ["GetScorecard"] = ("/api/reports/scorecard?period=2026-03", Overseers),
        ["GetMedalTable"] = ("/api/reports/medals?quarter=2026-Q1", Overseers),
        ["GetBulletin"] = ("/api/reports/bulletin?month=2026-03", Overseers),
        ["GetBacklogChart"] = ("/api/reports/charts/backlog.svg?period=2026-03", Overseers),
        ["GetOnTimeChart"] = ("/api/reports/charts/on-time.svg?period=2026-03", Overseers),
        ["GetSatisfactionChart"] = ("/api/reports/charts/satisfaction.svg?period=2026-03", Overseers),
    };

    public static IEnumerable<object[]> Cases() =>
        from endpoint in Endpoints.Keys.Order(StringComparer.Ordinal)
        from caller in ReportApiFixture.StaffUsers.Concat(["anonymous", "unknown"])
        select new object[] { endpoint, caller };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Call_ReportAsCaller_IsAdmittedOnlyForItsRoles(string operationId, string caller)
    {
        var (path, roles) = Endpoints[operationId];

        using var response = await fixture.Callers[caller].GetAsync(path);

        var detail = $"{operationId} as {caller}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        var expected = caller is "anonymous" or "unknown" ? HttpStatusCode.Unauthorized : roles.Contains(caller) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        if (caller == "unknown")
        {
            // A signed-in identity the directory does not know: authenticated, without roles.
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, detail);
        }
        else
        {
            Assert.True(response.StatusCode == expected, detail);
        }

        if ((int)response.StatusCode >= 400)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", detail);
        }
    }

    public static IEnumerable<object[]> BadParameters() =>
        from endpoint in Endpoints.Keys.Order(StringComparer.Ordinal)
        from value in ReportApiFixture.MalformedPeriods
        from language in ReportApiFixture.Languages
        select new object[] { endpoint, value, language };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task Call_ReportWithMalformedPeriod_ProblemJsonNamingTheParameterAndItsForm(string operationId, string value, string language)
    {
        var path = Endpoints[operationId].Path;
        var parameter = path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..path.IndexOf('=', StringComparison.Ordinal)];

        var answer = await ApiHarness.SendAsync(fixture.Callers[Supervisor], HttpMethod.Get, $"{path[..path.IndexOf('?', StringComparison.Ordinal)]}?{parameter}={value}", language: language);

        Assert.True(answer.Status == HttpStatusCode.BadRequest && answer.IsProblem, $"{operationId}: {(int)answer.Status} {answer.Text}");
        var message = answer.Json.GetProperty("errors").GetProperty(parameter)[0].GetString();
        Assert.Equal(message, answer.Json.GetProperty("detail").GetString());
        Assert.Contains(parameter, message, StringComparison.Ordinal);
        Assert.Contains(parameter == "month" ? "yyyy-MM" : "yyyy-Qn", message, StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "must be" : "应为", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/reports/scorecard?period=2026-03&bottom=abc", "bottom")]
    [InlineData("/api/reports/bulletin?month=2026-03&bottom=99", "bottom")]
    [InlineData("/api/reports/ledger?period=2026-03&pageSize=lots", "pageSize")]
    [InlineData("/api/reports/ledger?period=2026-03&pageSize=0", "pageSize")]
    [InlineData("/api/reports/ledger?period=2026-03&overdue=maybe", "overdue")]
    [InlineData("/api/reports/ledger-chains?period=2026-03&pageSize=51", "pageSize")]
    [InlineData("/api/reports/ledger-chains?period=2026-03&continuationToken=forged", "continuationToken")]
    [InlineData("/api/reports/ledger-chains?period=2026-03&status=Lost", "status")]
    [InlineData("/api/reports/ledger/export.csv?period=2026-03&status=Lost", "status")]
    [InlineData("/api/reports/medals?quarter=2026-03", "quarter")]
    [InlineData("/api/reports/bulletin?month=2026-Q1", "month")]
    [InlineData("/api/reports/scorecard?period=1999-12", "period")]
    public async Task Call_ReportWithAnotherBadParameter_ProblemJsonNotA500(string path, string parameter)
    {
        var answer = await ApiHarness.SendAsync(fixture.Callers[Supervisor], HttpMethod.Get, path);

        Assert.True(answer.Status == HttpStatusCode.BadRequest && answer.IsProblem, $"{path}: {(int)answer.Status} {answer.Text}");
        Assert.Contains(parameter, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLedger_DepartmentHead_SeesOwnDepartmentWithoutConfidentialEnterprisesAndNoOther()
    {
        var head = fixture.Callers[Head];

        var own = await ApiHarness.SendAsync(head, HttpMethod.Get, "/api/reports/ledger?period=2026-03");
        var other = await ApiHarness.SendAsync(head, HttpMethod.Get, "/api/reports/ledger?period=2026-03&department=tax");
        var bySecretName = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/reports/ledger?period=2026-03&enterprise={Uri.EscapeDataString(ReportApiFixture.SecretEnterprise)}");
        var supervisor = await ApiHarness.SendAsync(fixture.Callers[Supervisor], HttpMethod.Get, "/api/reports/ledger?period=2026-03");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        var items = own.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("finance", i.GetProperty("leadDepartmentId").GetString()));
        var secret = items.Single(i => i.GetProperty("number").GetString() == fixture.SecretNumber);
        Assert.Equal(JsonValueKind.Null, secret.GetProperty("enterpriseName").ValueKind);
        Assert.DoesNotContain(ReportApiFixture.SecretEnterprise, own.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", own.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Empty(bySecretName.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(3, supervisor.Json.GetProperty("items").GetArrayLength());
        Assert.Contains(ReportApiFixture.SecretEnterprise, supervisor.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLedgerChains_DepartmentHeadAndSupervisorPaging_OwnDepartmentNothingIdentifyingAndEveryChainVerifies()
    {
        var own = await ApiHarness.SendAsync(fixture.Callers[Head], HttpMethod.Get, "/api/reports/ledger-chains?period=2026-03");
        var other = await ApiHarness.SendAsync(fixture.Callers[Head], HttpMethod.Get, "/api/reports/ledger-chains?period=2026-03&department=tax");
        var first = await ApiHarness.SendAsync(fixture.Callers[Supervisor], HttpMethod.Get, "/api/reports/ledger-chains?period=2026-Q1&pageSize=2");
        var token = first.Json.GetProperty("continuationToken").GetString();
        var second = await ApiHarness.SendAsync(fixture.Callers[Supervisor], HttpMethod.Get, $"/api/reports/ledger-chains?period=2026-Q1&pageSize=2&continuationToken={Uri.EscapeDataString(token!)}");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(new[] { fixture.ConfirmedNumber, fixture.SecretNumber }.Order(StringComparer.Ordinal), Numbers(own).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ReportApiFixture.SecretEnterprise, own.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", own.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal(3, Numbers(first).Concat(Numbers(second)).Distinct().Count());
        Assert.Equal(JsonValueKind.Null, second.Json.GetProperty("continuationToken").ValueKind);
        var verified = Assist.LedgerVerifier.LedgerDocument.Parse($"[{own.Text},{first.Text},{second.Text}]").Select(Assist.LedgerVerifier.ChainVerifier.Verify).ToList();
        Assert.Equal(5, verified.Count);
        Assert.All(verified, r => Assert.True(r.Outcome == Assist.LedgerVerifier.VerifierOutcome.Verified, r.ToString()));
    }

    private static IEnumerable<string> Numbers(Answer page) =>
        page.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!);

    [Fact]
    public async Task GetLedger_FilterAndPage_PagesWithContinuationToken()
    {
        var supervisor = fixture.Callers[Supervisor];

        var first = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/reports/ledger?period=2026-Q1&pageSize=2");
        var token = first.Json.GetProperty("continuationToken").GetString();
        var second = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, $"/api/reports/ledger?period=2026-Q1&pageSize=2&continuationToken={Uri.EscapeDataString(token!)}");
        var closed = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/reports/ledger?period=2026-03&status=Closed");
        var overdue = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/reports/ledger?period=2026-03&overdue=true");
        var badToken = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/reports/ledger?period=2026-03&continuationToken=nonsense");
        var badPeriod = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/reports/ledger?period=2026-13", language: "en");

        var numbers = first.Json.GetProperty("items").EnumerateArray().Concat(second.Json.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("number").GetString()).ToList();
        Assert.Equal(3, numbers.Distinct().Count());
        Assert.Equal([fixture.ConfirmedNumber], closed.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        Assert.Contains(overdue.Json.GetProperty("items").EnumerateArray(), i => i.GetProperty("number").GetString() == fixture.SecretNumber);
        Assert.True(badToken.Status == HttpStatusCode.BadRequest && badToken.IsProblem, badToken.Text);
        Assert.True(badPeriod.Status == HttpStatusCode.BadRequest && badPeriod.Text.Contains("yyyy-Qn", StringComparison.Ordinal), badPeriod.Text);
    }

    [Fact]
    public async Task ExportLedgerCsv_ChineseByDefaultEnglishOnRequest_Utf8BomAttachment()
    {
        var supervisor = fixture.Callers[Supervisor];

        using var chinese = await supervisor.GetAsync("/api/reports/ledger/export.csv?period=2026-03");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/ledger/export.csv?period=2026-03");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var english = await supervisor.SendAsync(request);

        var bytes = await chinese.Content.ReadAsByteArrayAsync();
        Assert.Equal("text/csv", chinese.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", chinese.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("序号,工单编号", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("13800138000", text, StringComparison.Ordinal);
        Assert.StartsWith("No.,Ticket number", Encoding.UTF8.GetString((await english.Content.ReadAsByteArrayAsync())[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportLedgerXlsx_DepartmentHead_WorkbookOfOwnDepartmentWithoutConfidentialEnterprise()
    {
        using var response = await fixture.Callers[Head].GetAsync("/api/reports/ledger/export.xlsx?period=2026-03&lang=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var buffer = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(buffer, false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        var cells = rows.Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["No.", "Ticket number"], cells[0][..2]);
        Assert.Contains(cells, c => c.Contains("(confidential)"));
        Assert.DoesNotContain(cells.SelectMany(c => c), c => c.Contains(ReportApiFixture.SecretEnterprise, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetScorecardAndMedals_Month_RanksDepartmentsFromTheCounters()
    {
        var supervisor = fixture.Callers[Supervisor];

        var scorecard = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/reports/scorecard?period=2026-03&bottom=1");
        var medals = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/reports/medals?quarter=2026-Q1");
        var notQuarter = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/reports/medals?quarter=2026-03");

        var finance = scorecard.Json.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("departmentId").GetString() == "finance");
        Assert.Equal("地方金融管理局", finance.GetProperty("departmentName").GetString());
        Assert.Equal(2, finance.GetProperty("signInsDue").GetInt32());
        Assert.Equal(1m, finance.GetProperty("satisfactionRate").GetDecimal());
        Assert.Equal(1m, finance.GetProperty("responseRate").GetDecimal() * 2);
        Assert.True(finance.GetProperty("overdue").GetInt32() >= 1);
        Assert.NotEmpty(scorecard.Json.GetProperty("bottom").EnumerateArray());
        Assert.Contains(medals.Json.GetProperty("awards").EnumerateArray(), a => a.GetProperty("category").GetString() == "Overall" && a.GetProperty("medal").GetString() == "Gold");
        Assert.Equal(HttpStatusCode.BadRequest, notQuarter.Status);
    }

    [Fact]
    public async Task GetBulletin_Month_RedCardWithoutMobileOrConfidentialNameOrTitle()
    {
        var bulletin = await ApiHarness.SendAsync(fixture.Callers[Leader], HttpMethod.Get, "/api/reports/bulletin?month=2026-03");

        Assert.Equal(HttpStatusCode.OK, bulletin.Status);
        // The confidential finance ticket and the tax ticket nobody signed in for both ran three working days late.
        var cards = bulletin.Json.GetProperty("redCards").EnumerateArray().ToList();
        Assert.DoesNotContain(cards, c => c.GetProperty("number").GetString() == fixture.ConfirmedNumber);
        var red = cards.Single(c => c.GetProperty("number").GetString() == fixture.SecretNumber);
        Assert.Equal("地方金融管理局", red.GetProperty("departmentName").GetString());
        Assert.Equal("（保密诉求）", red.GetProperty("title").GetString());
        Assert.True(red.GetProperty("workingDaysOverdue").GetInt32() >= 3);
        Assert.Equal(3, bulletin.Json.GetProperty("received").GetInt64());
        Assert.DoesNotContain(ReportApiFixture.SecretEnterprise, bulletin.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", bulletin.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backlog", "积压工单走势")]
    [InlineData("on-time", "各部门及时签收率与按时办结率")]
    [InlineData("satisfaction", "满意度分布")]
    public async Task GetChart_Month_AccessibleSvgWithTextLabels(string chart, string title)
    {
        var answer = await ApiHarness.SendAsync(fixture.Callers[Admin], HttpMethod.Get, $"/api/reports/charts/{chart}.svg?period=2026-03");

        Assert.Equal("image/svg+xml", answer.MediaType);
        var svg = XDocument.Parse(answer.Text).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        var labelledBy = ((string?)svg.Attribute("aria-labelledby"))!.Split(' ');
        Assert.StartsWith(title, svg.Elements(Svg + "title").Single(t => (string?)t.Attribute("id") == labelledBy[0]).Value, StringComparison.Ordinal);
        Assert.NotEmpty(svg.Elements(Svg + "desc").Single(t => (string?)t.Attribute("id") == labelledBy[1]).Value);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains(texts, t => t.Contains("2026-03", StringComparison.Ordinal));
        switch (chart)
        {
            case "backlog":
                // 1 to 20 March: the days of the period up to today.
                Assert.Equal(20, svg.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("class") == "point"));
                Assert.Equal("2", texts.Last(t => true));
                break;
            case "on-time":
                Assert.Contains("地方金融管理局", texts);
                Assert.Contains("100.0%", texts);
                break;
            default:
                Assert.Contains("1 (100.0%)", texts);
                break;
        }
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryReport()
    {
        var document = await ApiHarness.SendAsync(fixture.Api.Anonymous, HttpMethod.Get, "/openapi/v1.json");

        var operations = document.Json.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("operationId", out _)))
            .Select(o => o.Value.GetProperty("operationId").GetString())
            .ToList();
        Assert.Empty(Endpoints.Keys.Except(operations!));
    }
}
