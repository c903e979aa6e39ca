using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// The supervisors' worklist through the API and its page: returns and extensions waiting for a decision appear when
/// asked, oldest first, with the deadline for the decision, a page at a time, and leave when decided; only supervisors
/// read it.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class WorklistTests(AzuriteFixture storage)
{
    // Thursday before the 2026 Spring Festival: a decision due in one working day is due by the end of Friday 13 Feb.
    private const string Start = "2026-02-12T09:00:00+08:00";
    private static readonly DateTimeOffset EndOfFriday = new(2026, 2, 14, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task ListWorklist_ExtensionThenReturnRequested_OldestFirstWithDeadlinesPagedAndGoneOnceDecided()
    {
        await using var api = await StartAsync();
        var supervisor = await api.SignInAsync("supervisor.1");
        var extended = await api.SubmitAsync();
        var returned = await api.SubmitAsync(ApiHarness.Form(confidential: true));
        var extendedBy = await api.OfficerOfAsync(extended.Number);
        var officer = await api.SignInAsync(extendedBy);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, extended.Number, "check-in", new { })).Status);
        var asked = await api.ActAsync(officer, extended.Number, "extension-request", new { workingDays = 2, reason = "需银行总行审批" });
        Assert.True(asked.Status == HttpStatusCode.OK, asked.Text);
        await api.MoveClockAsync(new { advance = "PT5M" });
        var returning = await api.ActAsync(await api.SignInAsync(await api.OfficerOfAsync(returned.Number)), returned.Number, "return", new { reason = "属于税务事项" });
        Assert.True(returning.Status == HttpStatusCode.OK, returning.Text);

        var both = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/worklist");
        var first = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/worklist?pageSize=1");
        var second = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/worklist?pageSize=1&continuationToken=" + Uri.EscapeDataString(first.Json.GetProperty("continuationToken").GetString()!));

        Assert.True(both.Status == HttpStatusCode.OK, both.Text);
        var items = both.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([(extended.Number, "Extension"), (returned.Number, "Return")], items.Select(i => (i.GetProperty("number").GetString(), i.GetProperty("kind").GetString())));
        var extension = items[0];
        Assert.Equal(EndOfFriday, extension.GetProperty("decisionDueAt").GetDateTimeOffset());
        Assert.False(extension.GetProperty("decisionOverdue").GetBoolean());
        Assert.Equal(2, extension.GetProperty("workingDays").GetInt32());
        Assert.Equal("需银行总行审批", extension.GetProperty("reason").GetString());
        Assert.Equal(extendedBy, extension.GetProperty("requestedBy").GetString());
        Assert.Equal("地方金融管理局", extension.GetProperty("departmentName").GetString());
        Assert.Equal("流动资金贷款审批迟迟没有结果", extension.GetProperty("title").GetString());
        Assert.Equal("深圳市示例科技有限公司", extension.GetProperty("enterpriseName").GetString());
        var @return = items[1];
        Assert.Equal(EndOfFriday, @return.GetProperty("decisionDueAt").GetDateTimeOffset());
        Assert.Equal("属于税务事项", @return.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, @return.GetProperty("workingDays").ValueKind);
        // A confidential enterprise is not named in the list, as in every staff list; the ticket page shows supervisors.
        Assert.Equal(JsonValueKind.Null, @return.GetProperty("enterpriseName").ValueKind);
        Assert.Equal(JsonValueKind.Null, both.Json.GetProperty("continuationToken").ValueKind);
        Assert.Equal(extended.Number, Assert.Single(first.Json.GetProperty("items").EnumerateArray()).GetProperty("number").GetString());
        Assert.Equal(returned.Number, Assert.Single(second.Json.GetProperty("items").EnumerateArray()).GetProperty("number").GetString());
        Assert.Equal(JsonValueKind.Null, second.Json.GetProperty("continuationToken").ValueKind);

        // Decided: gone from the list, the extension first, then the return.
        var approved = await api.ActAsync(supervisor, extended.Number, "extension-decision", new { approve = true, note = "同意延期" });
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Text);
        var afterExtension = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/worklist");
        Assert.Equal([returned.Number], afterExtension.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        var refused = await api.ActAsync(supervisor, returned.Number, "return-decision", new { accept = false, note = "属于本部门职责" });
        Assert.True(refused.Status == HttpStatusCode.OK, refused.Text);
        var afterReturn = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/worklist");
        Assert.Empty(afterReturn.Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ListWorklist_DecisionWindowRunsOut_MarkedOverdue()
    {
        await using var api = await StartAsync();
        var supervisor = await api.SignInAsync("supervisor.1");
        var ticket = await api.SubmitAsync();
        var officer = await api.SignInAsync(await api.OfficerOfAsync(ticket.Number));
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "return", new { reason = "属于税务事项" })).Status);

        // Saturday 14 Feb is a make-up workday: the supervisors hear of it in office hours, and the list says so.
        await api.MoveClockAsync(new { now = "2026-02-14T09:00:00+08:00" });
        var list = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/worklist");

        var item = Assert.Single(list.Json.GetProperty("items").EnumerateArray());
        Assert.True(item.GetProperty("decisionOverdue").GetBoolean());
        Assert.Equal(EndOfFriday, item.GetProperty("decisionDueAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("officer.finance.1", HttpStatusCode.Forbidden)]
    [InlineData("head.finance", HttpStatusCode.Forbidden)]
    [InlineData("hq.leader", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("supervisor.2", HttpStatusCode.OK)]
    public async Task ListWorklist_AsCaller_OnlySupervisorsRead(string user, HttpStatusCode expected)
    {
        await using var api = await StartAsync();

        var answer = await ApiHarness.SendAsync(await api.SignInAsync(user), HttpMethod.Get, "/api/staff/worklist");
        var anonymous = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, "/api/staff/worklist");

        Assert.Equal(expected, answer.Status);
        Assert.Equal(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json", answer.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.True(anonymous.IsProblem, anonymous.Text);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    [InlineData("continuationToken=not-a-token", "continuationToken")]
    [InlineData("continuationToken=0000000000000000001%7COther%7C2026-0212-ABCDEF", "continuationToken")]
    public async Task ListWorklist_BadQuery_Answers400ProblemNamingTheParameter(string query, string field)
    {
        await using var api = await StartAsync();
        var supervisor = await api.SignInAsync("supervisor.1");

        var answer = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/worklist?" + query, language: "en");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.IsProblem, answer.Text);
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), answer.Text);
    }

    [Theory]
    [InlineData("zh-CN", new[] { "待审核的退单与延期申请", "延期申请", "退单申请", "审核期限", "申请延期 2 个工作日", "2026年2月13日", "（保密企业）", "去审核" })]
    [InlineData("en", new[] { "Returns and extensions waiting for a decision", "Extension request", "Return request", "Decide by", "2 more working days asked", "Fri 13 Feb 2026", "(confidential enterprise)", "Decide" })]
    public async Task WorklistPage_Supervisor_ListsBothRequestsWithDeadlinesAndLinksInTheLanguage(string language, string[] texts)
    {
        await using var api = await StartAsync();
        var extended = await api.SubmitAsync();
        var returned = await api.SubmitAsync(ApiHarness.Form(confidential: true));
        var officer = await api.SignInAsync(await api.OfficerOfAsync(extended.Number));
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, extended.Number, "check-in", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, extended.Number, "extension-request", new { workingDays = 2, reason = "需银行总行审批" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(await api.SignInAsync(await api.OfficerOfAsync(returned.Number)), returned.Number, "return", new { reason = "属于税务事项" })).Status);
        using var browser = await BrowserAsync(api, "supervisor.1", language);

        using var response = await browser.GetAsync("/staff/worklist");
        var html = await response.Content.ReadAsStringAsync();
        using var bad = await browser.GetAsync("/staff/worklist?continuationToken=nonsense");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var text in texts)
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }

        Assert.Contains($"data-testid=\"decision-{extended.Number}-Extension\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/tickets/{extended.Number}#action-DecideExtension\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/tickets/{returned.Number}#action-DecideReturn\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(extended.Number, StringComparison.Ordinal) < html.IndexOf(returned.Number, StringComparison.Ordinal), "oldest first");
        Assert.Contains("data-testid=\"nav-worklist\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("深圳市示例科技有限公司", html.Split($"decision-{returned.Number}")[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [InlineData("zh-CN", "暂无待审核的退单或延期申请。")]
    [InlineData("en", "No return or extension is waiting for a decision.")]
    public async Task WorklistPage_NothingWaiting_SaysSo(string language, string empty)
    {
        await using var api = await StartAsync();
        using var browser = await BrowserAsync(api, "supervisor.1", language);

        var html = await browser.GetStringAsync("/staff/worklist");

        Assert.Contains("data-testid=\"worklist-empty\"", html, StringComparison.Ordinal);
        Assert.Contains(empty, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer.finance.1")]
    [InlineData("hq.leader")]
    public async Task WorklistPage_NotASupervisor_ForbiddenAndNotInTheNavigation(string user)
    {
        await using var api = await StartAsync();
        using var browser = await BrowserAsync(api, user, "zh-CN");

        using var response = await browser.GetAsync("/staff/worklist");
        var inbox = await browser.GetStringAsync("/staff/inbox");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("nav-worklist", inbox, StringComparison.Ordinal);
    }

    private Task<ApiHarness> StartAsync() =>
        ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });

    /// <summary>A page client signed in by bearer token, in <paramref name="language"/>.</summary>
    private static async Task<HttpClient> BrowserAsync(ApiHarness api, string user, string language)
    {
        using var response = await api.Anonymous.PostAsync("/api/dev/token", ApiHarness.Json(JsonSerializer.Serialize(new { user })));
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }
}
