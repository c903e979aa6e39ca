using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Functions.Tests.Api;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Pages;

/// <summary>What the pages answer at the HTTP level: sign-in redirects, readable error pages, anti-forgery, headers.</summary>
[Collection(UsesAzurite.Name)]
public sealed class PageBehaviourTests(AzuriteFixture storage)
{
    [Fact]
    public async Task Legend_OnTheOverdueBoard_NamesTheConfiguredRedCardAndHqThresholds()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var directory = api.App.Services.GetRequiredService<Assist.Storage.Directory.DirectoryStore>();
        var policies = (await directory.GetAsync()).Policies;
        await directory.PutPoliciesAsync(policies with { Ladder = policies.Ladder with { RedCardWorkingDaysOverdue = 4, HqEscalationWorkingDaysOverdue = 9 } });
        using var client = NoRedirects(api, await TokenAsync(api, "supervisor.1"));

        var html = await client.GetStringAsync("/staff/overdue");

        Assert.Contains("超期4个工作日，督查室督办", html, StringComparison.Ordinal);
        Assert.Contains("超期9个工作日，提级至指挥部", html, StringComparison.Ordinal);
        Assert.DoesNotContain("超期3个工作日", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TicketPage_ReturnWindowPassed_NoReturnFormIsOffered()
    {
        // Monday 09:00: routed at once, returns possible until the end of the next working day (Tuesday).
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = "2026-03-02T09:00:00+08:00" });
        var ticket = await api.SubmitAsync();
        var officer = (await api.App.Services.GetRequiredService<Assist.Storage.Workflow.TicketService>().GetAsync(ticket.Number))!.State.OfficerId!;
        var token = await TokenAsync(api, officer);
        using var client = NoRedirects(api, token);
        var staff = await api.SignInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(staff, ticket.Number, "check-in", new { })).Status);

        var within = await client.GetStringAsync("/staff/tickets/" + ticket.Number);
        await api.MoveClockAsync(new { now = "2026-03-04T10:00:00+08:00" });
        var after = await client.GetStringAsync("/staff/tickets/" + ticket.Number);
        var view = await ApiHarness.SendAsync(staff, HttpMethod.Get, "/api/staff/tickets/" + ticket.Number);
        var tooLate = await api.ActAsync(staff, ticket.Number, "return", new { reason = "非本部门职责" });

        Assert.Contains("data-testid=\"action-ReturnTicket\"", within, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"action-ReturnTicket\"", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"action-RecordProgress\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain(view.Json.GetProperty("actions").EnumerateArray(), a => a.GetString() == "ReturnTicket");
        Assert.Equal(HttpStatusCode.Conflict, tooLate.Status);
        Assert.Equal("return-window-closed", tooLate.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TicketPage_TooCloseToTheDeadline_NoExtensionFormIsOffered()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = "2026-03-02T09:00:00+08:00" });
        var ticket = await api.SubmitAsync();
        var tickets = api.App.Services.GetRequiredService<Assist.Storage.Workflow.TicketService>();
        var officer = (await tickets.GetAsync(ticket.Number))!.State.OfficerId!;
        using var client = NoRedirects(api, await TokenAsync(api, officer));
        var staff = await api.SignInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(staff, ticket.Number, "check-in", new { })).Status);
        var snapshot = await api.App.Services.GetRequiredService<Assist.Storage.Directory.DirectoryStore>().GetAsync();
        var latest = snapshot.Policies.Extension.LatestRequest((await tickets.GetAsync(ticket.Number))!.State.Clock!.Due, snapshot.Calendar);

        var inTime = await client.GetStringAsync("/staff/tickets/" + ticket.Number);
        await api.MoveClockAsync(new { now = latest.AddHours(1) });
        var late = await client.GetStringAsync("/staff/tickets/" + ticket.Number);
        var view = await ApiHarness.SendAsync(staff, HttpMethod.Get, "/api/staff/tickets/" + ticket.Number);
        var tooLate = await api.ActAsync(staff, ticket.Number, "extension-request", new { workingDays = 2, reason = "需审批" });

        Assert.Contains("data-testid=\"action-RequestExtension\"", inTime, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"action-RequestExtension\"", late, StringComparison.Ordinal);
        Assert.DoesNotContain(view.Json.GetProperty("actions").EnumerateArray(), a => a.GetString() == "RequestExtension");
        Assert.Equal(HttpStatusCode.Conflict, tooLate.Status);
    }

    [Fact]
    public async Task TicketPage_HqOfficeRoutesByHand_EndsOnTheTicketPage()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync(ApiHarness.Form(topic: "OTHER"));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = api.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(api, "officer.hq-office.1"));
        var page = await client.GetStringAsync("/staff/tickets/" + ticket.Number);
        var form = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"action-RouteTicket\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(form.Success, page);
        string Hidden(string name) => System.Text.RegularExpressions.Regex.Match(form.Value, "name=\"" + name + "\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;

        using var route = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
            ["op"] = Hidden("op"),
            ["version"] = Hidden("version"),
            ["leadDepartmentId"] = "finance",
        });
        using var routed = await client.PostAsync("/staff/tickets/" + ticket.Number + "?handler=Act", route);
        using var landed = await client.GetAsync(routed.Headers.Location);
        var html = await landed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, routed.StatusCode);
        Assert.Equal("/staff/tickets/" + ticket.Number, routed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains("data-testid=\"done\"", html, StringComparison.Ordinal);
        Assert.Contains("待签收", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"action-", html, StringComparison.Ordinal);
        Assert.Equal(Assist.Domain.Tickets.TicketStatus.Routed, (await api.App.Services.GetRequiredService<Assist.Storage.Workflow.TicketService>().GetAsync(ticket.Number))!.State.Status);

        // A colleague who did not route it still does not see it.
        using var colleague = NoRedirects(api, await TokenAsync(api, "officer.hq-office.2"));
        using var other = await colleague.GetAsync("/staff/tickets/" + ticket.Number);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task TicketPage_HqLeaderInstructsAfterEscalation_DepartmentAcknowledgesOnItsPage()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync(ApiHarness.Form());
        var head = await api.SignInAsync("head.finance");
        var officerId = (await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}")).Json.GetProperty("officerId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(await api.SignInAsync(officerId), ticket.Number, "check-in", new { })).Status);
        using var leader = await BrowserAsync(api, "hq.leader");
        using var officer = await BrowserAsync(api, officerId);
        Assert.DoesNotContain("data-testid=\"action-GiveInstruction\"", await leader.GetStringAsync("/staff/tickets/" + ticket.Number), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(await api.SignInAsync("supervisor.1"), ticket.Number, "escalation", new { note = "重大问题" })).Status);

        // An empty instruction: the page again, the form open, the field named.
        using var empty = await PostActionAsync(leader, ticket.Number, "GiveInstruction", new() { ["instruction"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写批示内容", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var given = await PostActionAsync(leader, ticket.Number, "GiveInstruction", new() { ["instruction"] = "请三日内拿出方案" });
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        var leaderPage = await leader.GetStringAsync("/staff/tickets/" + ticket.Number);
        Assert.Contains("data-testid=\"hq-instructions\"", leaderPage, StringComparison.Ordinal);
        Assert.Contains("待签收", leaderPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"action-IssueSupervisionOrder\"", leaderPage, StringComparison.Ordinal);
        Assert.Contains("改派（新一轮办理）", leaderPage, StringComparison.Ordinal);

        using var acknowledged = await PostActionAsync(officer, ticket.Number, "AcknowledgeInstruction", new() { ["note"] = "已签收" });
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        var officerPage = await officer.GetStringAsync("/staff/tickets/" + ticket.Number);
        Assert.Contains("已签收（", officerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"action-AcknowledgeInstruction\"", officerPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommonIssuePages_SupervisorGroupsTheSuggestionLeadAnswersOnThePage()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var numbers = new List<string>();
        foreach (var title in new[] { "园区用电报装排队三个月未接电", "园区用电报装排队两个月仍未接电" })
        {
            var form = ApiHarness.Form(topic: "UTILITY");
            form["title"] = title;
            numbers.Add((await api.SubmitAsync(form)).Number);
        }

        await api.App.DispatchedAsync();
        using var supervisor = await BrowserAsync(api, "supervisor.1");
        var list = await supervisor.GetStringAsync("/staff/common-issues");
        Assert.Contains("data-testid=\"suggestion-0\"", list, StringComparison.Ordinal);
        Assert.All(numbers, n => Assert.Contains(n, list, StringComparison.Ordinal));
        var suggestion = System.Text.RegularExpressions.Regex.Match(list, "data-testid=\"suggestion-0\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", System.Text.RegularExpressions.Regex.Match(suggestion, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"").Groups[1].Value),
            new("title", "园区用电报装接电慢"),
            new("leadDepartmentId", "park"),
        };
        fields.AddRange(numbers.Select(n => new KeyValuePair<string, string>("tickets", n)));

        using var created = await supervisor.PostAsync("/staff/common-issues?handler=Create", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var issuePath = created.Headers.Location!.OriginalString.Split('?')[0];
        var issuePage = await supervisor.GetStringAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("已处理2件，未处理0件。", issuePage, StringComparison.Ordinal);
        Assert.All(numbers, n => Assert.Contains($"data-testid=\"member-{n}\"", issuePage, StringComparison.Ordinal));
        Assert.DoesNotContain("data-testid=\"answer-form\"", issuePage, StringComparison.Ordinal);

        // The park bureau's head answers on the page; nobody has signed in yet, so both are named as not done.
        using var parkHead = await BrowserAsync(api, "head.park");
        var leadPage = await parkHead.GetStringAsync(issuePath);
        var answerForm = System.Text.RegularExpressions.Regex.Match(leadPage, "data-testid=\"answer-form\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.NotEmpty(answerForm);
        var token = System.Text.RegularExpressions.Regex.Match(answerForm, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;
        using var empty = await parkHead.PostAsync(issuePath + "?handler=Answer", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["answer"] = " " }));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写答复内容", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var answered = await parkHead.PostAsync(issuePath + "?handler=Answer", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["answer"] = "已开通报装绿色通道", ["resolved"] = "true" }));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var afterAnswer = await parkHead.GetStringAsync(answered.Headers.Location!.OriginalString);
        Assert.Contains("已处理0件，未处理2件。", afterAnswer, StringComparison.Ordinal);
        Assert.Contains("已开通报装绿色通道", afterAnswer, StringComparison.Ordinal);

        // Another department's head may not open it.
        using var financeHead = await BrowserAsync(api, "head.finance");
        using var refused = await financeHead.GetAsync(issuePath);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task CoHandlerPage_ContributionForm_PostedThenShownAsContributed()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync(ApiHarness.Form(topic: "PROJECT"));
        using var coHandler = await BrowserAsync(api, "officer.landplan.1");
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(await api.SignInAsync("officer.landplan.1"), ticket.Number, "check-in", new { })).Status);

        // An empty contribution: the page again, the form open, the field named; then the real one.
        using var empty = await PostActionAsync(coHandler, ticket.Number, "SubmitContribution", new() { ["text"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写协办意见", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var sent = await PostActionAsync(coHandler, ticket.Number, "SubmitContribution", new() { ["text"] = "用地手续可并联审批" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var page = await coHandler.GetStringAsync("/staff/tickets/" + ticket.Number);
        Assert.Contains("已提交协办意见", page, StringComparison.Ordinal);
        Assert.Contains("用地手续可并联审批", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"action-SubmitContribution\"", page, StringComparison.Ordinal);
    }

    private static async Task<HttpClient> BrowserAsync(ApiHarness api, string user)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = api.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(api, user));
        return client;
    }

    /// <summary>Posts one action's form as the page offers it (its token, op and version), with the given fields.</summary>
    private static async Task<HttpResponseMessage> PostActionAsync(HttpClient client, string number, string op, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync("/staff/tickets/" + number);
        var form = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"action-" + op + "\".*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(form.Success, $"No {op} form: {page}");
        string Hidden(string name) => System.Text.RegularExpressions.Regex.Match(form.Value, "name=\"" + name + "\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;
        fields["__RequestVerificationToken"] = Hidden("__RequestVerificationToken");
        fields["op"] = Hidden("op");
        fields["version"] = Hidden("version");
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync("/staff/tickets/" + number + "?handler=Act", content);
    }

    public static TheoryData<string?, string, string> BadCalendars() => new()
    {
        { null, "2027", "{ not json" },
        { "en", "2027", "{ not json" },
        { null, "2027", """{"year": 2027, "papers": []}""" },
        { "en", "2027", """{"year": 2027, "papers": []}""" },
        { null, "2027", """{"year": 2027, "days": [{"name": "元旦", "date": "2028-01-01", "isOffDay": true}]}""" },
        { "en", "2027", """{"year": 2027, "days": [{"name": "元旦", "date": "2028-01-01", "isOffDay": true}]}""" },
        { null, "2027", """{"year": 2028, "papers": [], "days": []}""" },
        { "en", "2027", """{"year": 2028, "papers": [], "days": []}""" },
    };

    [Theory]
    [MemberData(nameof(BadCalendars))]
    public async Task AdminPage_CalendarUploadRefused_SaysWhyInThePageLanguageOnly(string? language, string year, string json)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var admin = await AdminPageClientAsync(api, language);
        var token = AntiforgeryToken(await admin.GetStringAsync("/manage"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(year), "year" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json)), "file", "2027.json" },
        };

        using var response = await admin.PostAsync("/manage?handler=Calendar", form);
        var problem = Problem(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertOneLanguage(language, problem);
        Assert.StartsWith(language is null ? "不是有效的2027年日历：" : "Not a valid calendar for 2027: ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "缺少求助（紧急）的时限规则。")]
    [InlineData("en", "No SLA rule for requests for help (urgent).")]
    public async Task AdminPage_PoliciesWithoutARule_RefusedInThePageLanguageAndNothingStored(string? language, string expected)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var admin = await AdminPageClientAsync(api, language);
        var html = await admin.GetStringAsync("/manage");
        var stored = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<textarea id=\"policies-json\"[^>]*>([^<]*)</textarea>").Groups[1].Value);
        var policies = System.Text.Json.Nodes.JsonNode.Parse(stored)!;
        var rules = policies["sla"]!["rules"]!.AsArray();
        rules.Remove(rules.Single(r => r!["type"]!.GetValue<string>() == "Help" && r["urgent"]!.GetValue<bool>()));
        rules[0]!["signIn"]!["amount"] = -1;
        policies["coHandling"]!["contribution"]!["amount"] = -1;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken(html), ["json"] = policies.ToJsonString() });

        using var response = await admin.PostAsync("/manage?handler=Policies", form);
        var problem = Problem(await response.Content.ReadAsStringAsync());
        var api2 = await api.SignInAsync("admin");
        var viaApi = await ApiHarness.SendAsync(api2, HttpMethod.Put, "/api/admin/policies", System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(policies.ToJsonString()), language: language ?? "zh-CN");
        var after = (await ApiHarness.SendAsync(api2, HttpMethod.Get, "/api/admin/directory")).Json.GetProperty("policies");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertOneLanguage(language, problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, viaApi.Status);
        Assert.True(viaApi.IsProblem, viaApi.Text);
        Assert.Contains(expected, viaApi.Json.GetProperty("errors").GetProperty("sla.rules")[0].GetString(), StringComparison.Ordinal);
        Assert.True(viaApi.Json.GetProperty("errors").TryGetProperty("sla.rules[0].signIn", out _), viaApi.Text);
        Assert.True(viaApi.Json.GetProperty("errors").TryGetProperty("coHandling.contribution", out _), viaApi.Text);
        Assert.Equal(10, after.GetProperty("sla").GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task SubmitPost_WithoutAntiforgeryToken_Is400PageAndNoTicket()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var client = NoRedirects(api);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.EnterpriseName"] = "x", ["Form.ConsentGiven"] = "true" });

        using var response = await client.PostAsync("/submit", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请求有误", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "仅接受")]
    [InlineData("en-US,en;q=0.9", "Accepted types")]
    public async Task SubmitPost_SvgNamedPng_MessageBesideFileInputKeepsTypedFieldsAndStoresNothing(string? language, string acceptedLabel)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var client = NoRedirects(api);
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        using var form = await SubmitFormAsync(client);
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "attachments", "现场照片.png");

        using var response = await client.PostAsync("/submit", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = System.Text.RegularExpressions.Regex.Match(html, "<p class=\"field-error\" id=\"attachments-error\"[^>]*>([^<]*)</p>");
        Assert.True(error.Success, html);
        Assert.Contains("现场照片.png", error.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains(acceptedLabel, error.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains(".pdf", error.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("value=\"深圳市示例科技有限公司\"", html, StringComparison.Ordinal);
        Assert.Contains("流动资金贷款审批迟迟没有结果", html, StringComparison.Ordinal);
        Assert.Contains("accept=\".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt\"", html, StringComparison.Ordinal);
        await AssertNoPendingUploadsAsync(api);
    }

    [Theory]
    [InlineData(null, "仅接受")]
    [InlineData("en-US,en;q=0.9", "Accepted types")]
    public async Task SubmitPost_SeveralFilesRefused_EveryRefusedFileIsListedWithItsReasonAndNothingStored(string? language, string acceptedLabel)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var client = NoRedirects(api);
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        using var form = await SubmitFormAsync(client);
        void File(byte[] bytes, string name, string type)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "attachments", name);
        }

        File(System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"), "营业执照.pdf", "application/pdf");
        File(System.Text.Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "现场照片.png", "image/png");
        File([0x4D, 0x5A, 0x90, 0x00, 0x03], "setup.exe", "application/octet-stream");
        File([], "空白.txt", "text/plain");

        using var response = await client.PostAsync("/submit", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var list = System.Text.RegularExpressions.Regex.Match(html, "<ul class=\"field-error\" id=\"attachments-error\"[^>]*>(.*?)</ul>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(list.Success, html);
        var lines = System.Text.RegularExpressions.Regex.Matches(list.Groups[1].Value, "<li>([^<]*)</li>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("现场照片.png", lines[0], StringComparison.Ordinal);
        Assert.Contains(acceptedLabel, lines[0], StringComparison.Ordinal);
        Assert.StartsWith("setup.exe", lines[1], StringComparison.Ordinal);
        Assert.Contains(acceptedLabel, lines[1], StringComparison.Ordinal);
        Assert.StartsWith("空白.txt", lines[2], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.Matches(language is null ? "^[^：]+：.{4,}" : "^[^:]+: .{4,}", line));
        Assert.DoesNotContain(lines, line => line.Contains("营业执照.pdf", StringComparison.Ordinal));
        await AssertNoPendingUploadsAsync(api);
    }

    [Theory]
    [InlineData(null, "1个工作日内签收，2个工作日内答复", "4个工作小时内签收，3个工作日内答复", "1个工作小时内签收，1个工作日内办结", "7个工作日内办结")]
    [InlineData("en", "signed in within 1 working day, answered within 2 working days", "signed in within 4 working hours, answered within 3 working days", "signed in within 1 working hour and resolved within 1 working day", "resolved within 7 working days")]
    public async Task SubmitPage_PromisedTimeLimits_FollowTheConfiguredSlaPolicy(string? language, string defaultConsultation, string changedConsultation, string changedUrgent, string help)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var client = NoRedirects(api);
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        string Option(string html, string type) =>
            System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<option value=\"" + type + "\"[^>]*>([^<]*)</option>").Groups[1].Value);
        string UrgentHint(string html) =>
            System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"urgent-hint\">([^<]*)<").Groups[1].Value);
        var before = await client.GetStringAsync("/submit");

        // The administrator gives consultations 3 working days (sign-in within 4 working hours), urgent requests 1 working day (sign-in within 1 hour).
        var admin = await api.SignInAsync("admin");
        var policies = System.Text.Json.Nodes.JsonNode.Parse((await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/directory")).Json.GetProperty("policies").GetRawText())!;
        foreach (var rule in policies["sla"]!["rules"]!.AsArray())
        {
            if (rule!["urgent"]!.GetValue<bool>())
            {
                rule["resolution"] = new System.Text.Json.Nodes.JsonObject { ["amount"] = 1, ["unit"] = "WorkingDays" };
                rule["signIn"] = new System.Text.Json.Nodes.JsonObject { ["amount"] = 1, ["unit"] = "WorkingHours" };
            }
            else if (rule["type"]!.GetValue<string>() == "Consultation")
            {
                rule["resolution"] = new System.Text.Json.Nodes.JsonObject { ["amount"] = 3, ["unit"] = "WorkingDays" };
                rule["signIn"] = new System.Text.Json.Nodes.JsonObject { ["amount"] = 4, ["unit"] = "WorkingHours" };
            }
        }

        using var put = await admin.PutAsync("/api/admin/policies", ApiHarness.Json(policies.ToJsonString()));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var after = await client.GetStringAsync("/submit");

        Assert.Contains(defaultConsultation, Option(before, "Consultation"), StringComparison.Ordinal);
        Assert.Contains(changedConsultation, Option(after, "Consultation"), StringComparison.Ordinal);
        Assert.DoesNotContain(defaultConsultation, Option(after, "Consultation"), StringComparison.Ordinal);
        Assert.Contains(help, Option(after, "Help"), StringComparison.Ordinal);
        Assert.Contains(changedUrgent, UrgentHint(after), StringComparison.Ordinal);
        Assert.NotEqual(UrgentHint(before), UrgentHint(after));
    }

    [Fact]
    public async Task SubmitPost_SameFormSentAgainAfterAChange_SaysSoCreatesNothingAndTheNextSendIsNew()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var client = NoRedirects(api);
        var page = await client.GetStringAsync("/submit");
        string Hidden(string html, string name) =>
            System.Text.RegularExpressions.Regex.Match(html, "name=\"" + System.Text.RegularExpressions.Regex.Escape(name) + "\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"" + System.Text.RegularExpressions.Regex.Escape(name) + "\"") is { Success: true } m
                ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
                : throw new Xunit.Sdk.XunitException("no " + name + " in " + html);
        var token = Hidden(page, "__RequestVerificationToken");
        var key = Hidden(page, "Form.SubmissionKey");

        async Task<(HttpStatusCode Status, string Html)> SendAsync(string title, string submissionKey)
        {
            var fields = ApiHarness.Form().ToDictionary(
                f => "Form." + char.ToUpperInvariant(f.Key[0]) + f.Key[1..],
                f => f.Value is bool b ? (b ? "true" : "false") : (string)f.Value!);
            fields["Form.Title"] = title;
            fields["Form.SubmissionKey"] = submissionKey;
            fields["__RequestVerificationToken"] = token;
            using var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                form.Add(new StringContent(value), name);
            }

            using var response = await client.PostAsync("/submit", form);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var first = await SendAsync("流动资金贷款审批迟迟没有结果", key);
        var changed = await SendAsync("另一个问题：厂房用电增容", key);

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, changed.Status);
        Assert.Contains("之后内容有改动，本次未提交", changed.Html, StringComparison.Ordinal);
        Assert.Contains("另一个问题：厂房用电增容", changed.Html, StringComparison.Ordinal);
        var fresh = Hidden(changed.Html, "Form.SubmissionKey");
        Assert.NotEqual(key, fresh);
        var again = await SendAsync("另一个问题：厂房用电增容", fresh);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
    }

    /// <summary>The administrator's browser: bearer token, cookies (anti-forgery), the page language asked for.</summary>
    private static async Task<HttpClient> AdminPageClientAsync(ApiHarness api, string? language)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = api.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(api, "admin"));
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    /// <summary>The enterprise form as a browser posts it: every field of a valid form and the anti-forgery token.</summary>
    private static async Task<MultipartFormDataContent> SubmitFormAsync(HttpClient client)
    {
        var token = AntiforgeryToken(await client.GetStringAsync("/submit"));
        Assert.NotEmpty(token);
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in ApiHarness.Form())
        {
            form.Add(new StringContent(value is bool b ? (b ? "true" : "false") : (string)value!), "Form." + char.ToUpperInvariant(key[0]) + key[1..]);
        }

        form.Add(new StringContent(token), "__RequestVerificationToken");
        return form;
    }

    private static async Task AssertNoPendingUploadsAsync(ApiHarness api)
    {
        var clients = api.App.Services.GetRequiredService<Assist.Storage.StorageAccountClients>();
        await foreach (var blob in clients.Blobs.GetBlobContainerClient(api.Prefix.ToLowerInvariant() + "uploads-pending").GetBlobsAsync())
        {
            Assert.Fail("left behind: " + blob.Name);
        }
    }

    private static string AntiforgeryToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>The page's error message (the flash with data-testid="problem").</summary>
    private static string Problem(string html)
    {
        var problem = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"problem\">([^<]*)<");
        Assert.True(problem.Success, html);
        return System.Net.WebUtility.HtmlDecode(problem.Groups[1].Value);
    }

    /// <summary>Chinese: no English sentence (two English words in a row); English: no Chinese at all.</summary>
    private static void AssertOneLanguage(string? language, string text)
    {
        if (language is null)
        {
            Assert.DoesNotMatch("[A-Za-z]{2,} [A-Za-z]{2,}", text);
        }
        else
        {
            Assert.DoesNotMatch("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]", text);
        }
    }

    /// <summary>An enterprise's browser that opened the ticket with its number and code (the tracking cookie set).</summary>
    internal static async Task<HttpClient> TrackingClientAsync(ApiHarness api, Submitted ticket)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = api.App.BaseAddress };
        var page = await client.GetStringAsync("/track");
        var token = AntiforgeryToken(page);
        using var open = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ticketNumber"] = ticket.Number,
            ["trackingCode"] = ticket.TrackingCode,
        });
        using var opened = await client.PostAsync("/track?handler=Open", open);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return client;
    }

    internal static async Task<string> TokenAsync(ApiHarness api, string user)
    {
        using var response = await api.Anonymous.PostAsJsonAsync("/api/dev/token", new { user });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    internal static HttpClient NoRedirects(ApiHarness api, string? token = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.App.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
