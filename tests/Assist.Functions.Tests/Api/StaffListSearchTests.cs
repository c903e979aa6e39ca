using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// The desk, department queue, overdue board and inbox through the API and the pages: a page at a time in display
/// order with a continuation token, searched by ticket number, enterprise (never a confidential one), officer and
/// status; bad parameters are 400 problems naming the parameter. One app for the class: the tests only read.
/// </summary>
public sealed class StaffListSearchTests(StaffListSearchFixture fixture) : IClassFixture<StaffListSearchFixture>
{
    private ApiHarness Api => fixture.Api;

    [Fact]
    public async Task ListQueue_PageSizeTwo_PagesThroughEveryTicketOnceSoonestDeadlineFirst()
    {
        var head = await Api.SignInAsync("head.finance");
        var whole = await ApiHarness.SendAsync(head, HttpMethod.Get, "/api/staff/departments/finance/queue");

        var paged = new List<JsonElement>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await ApiHarness.SendAsync(head, HttpMethod.Get, "/api/staff/departments/finance/queue?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.True(page.Status == HttpStatusCode.OK, page.Text);
            Assert.True(page.Json.GetProperty("items").GetArrayLength() <= 2);
            paged.AddRange(page.Json.GetProperty("items").EnumerateArray());
            token = page.Json.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null);

        var all = whole.Json.GetProperty("items").EnumerateArray().Select(Number).ToList();
        Assert.Equal(fixture.Numbers.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Equal(all, paged.Select(Number));
        Assert.Equal(3, pages);
        Assert.Equal(JsonValueKind.Null, whole.Json.GetProperty("continuationToken").ValueKind);
        var due = paged.Select(t => t.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(due.Order(), due);
    }

    [Theory]
    [InlineData(StaffListSearchFixture.SharedName)]
    [InlineData("检索样本")]
    [InlineData(StaffListSearchFixture.SharedCode)]
    [InlineData("91440101ma5cxxxx08")]
    public async Task Search_EnterpriseOfAConfidentialAndAPlainTicket_FindsOnlyThePlainOne(string q)
    {
        foreach (var (user, path) in new[] { ("head.finance", "/api/staff/departments/finance/queue"), ("supervisor.1", "/api/staff/departments/finance/queue") })
        {
            var found = await ApiHarness.SendAsync(await Api.SignInAsync(user), HttpMethod.Get, path + "?q=" + Uri.EscapeDataString(q));

            Assert.True(found.Status == HttpStatusCode.OK, found.Text);
            Assert.Equal([fixture.Plain], found.Json.GetProperty("items").EnumerateArray().Select(Number));
        }
    }

    [Fact]
    public async Task Search_ConfidentialTicketsNumber_FoundWithoutItsEnterprise()
    {
        var found = await ApiHarness.SendAsync(await Api.SignInAsync("head.finance"), HttpMethod.Get, "/api/staff/departments/finance/queue?q=" + fixture.Confidential.ToLowerInvariant());

        var ticket = Assert.Single(found.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(fixture.Confidential, Number(ticket));
        Assert.True(ticket.GetProperty("confidential").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("enterpriseName").ValueKind);
        Assert.DoesNotContain(StaffListSearchFixture.SharedName, found.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NamePartOfficerStatusAndNumber_NarrowTheDeskQueueAndBoard()
    {
        var head = await Api.SignInAsync("head.finance");
        var supervisor = await Api.SignInAsync("supervisor.1");
        var first = fixture.NamePartTickets[0];
        var officerId = await Api.OfficerOfAsync(first);
        var officer = await Api.SignInAsync(officerId);
        var queue = "/api/staff/departments/finance/queue";

        var byPart = await ApiHarness.SendAsync(head, HttpMethod.Get, queue + "?q=" + Uri.EscapeDataString(StaffListSearchFixture.NamePart) + "&pageSize=1");
        var byPartNext = await ApiHarness.SendAsync(head, HttpMethod.Get, queue + "?q=" + Uri.EscapeDataString(StaffListSearchFixture.NamePart) + "&pageSize=1&continuationToken=" + Uri.EscapeDataString(byPart.Json.GetProperty("continuationToken").GetString()!));
        var byOfficer = await ApiHarness.SendAsync(head, HttpMethod.Get, queue + "?officer=" + officerId);
        var routed = await ApiHarness.SendAsync(head, HttpMethod.Get, queue + "?status=routed");
        var replied = await ApiHarness.SendAsync(head, HttpMethod.Get, queue + "?status=Replied&q=" + Uri.EscapeDataString(StaffListSearchFixture.NamePart));
        var desk = await ApiHarness.SendAsync(officer, HttpMethod.Get, "/api/staff/desk?q=" + first);
        var deskWrongStatus = await ApiHarness.SendAsync(officer, HttpMethod.Get, "/api/staff/desk?status=Closed&q=" + first);
        var board = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/overdue?q=" + Uri.EscapeDataString(StaffListSearchFixture.NamePart));

        Assert.Equal(fixture.NamePartTickets.Order(StringComparer.Ordinal), byPart.Json.GetProperty("items").EnumerateArray().Concat(byPartNext.Json.GetProperty("items").EnumerateArray()).Select(Number).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, byPartNext.Json.GetProperty("continuationToken").ValueKind);
        Assert.Contains(first, byOfficer.Json.GetProperty("items").EnumerateArray().Select(Number));
        Assert.All(byOfficer.Json.GetProperty("items").EnumerateArray(), t => Assert.Equal(officerId, t.GetProperty("officerId").GetString()));
        Assert.Equal(fixture.Numbers.Count, routed.Json.GetProperty("items").GetArrayLength());
        Assert.Empty(replied.Json.GetProperty("items").EnumerateArray());
        Assert.Equal([first], desk.Json.GetProperty("items").EnumerateArray().Select(Number));
        Assert.Empty(deskWrongStatus.Json.GetProperty("items").EnumerateArray());
        Assert.True(board.Status == HttpStatusCode.OK, board.Text);
        Assert.Empty(board.Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ListNotifications_ByTicketUnreadAndPageSizeOne_NarrowAndPage()
    {
        var first = fixture.NamePartTickets[0];
        var officer = await Api.SignInAsync(await Api.OfficerOfAsync(first));
        var all = await ApiHarness.SendAsync(officer, HttpMethod.Get, "/api/staff/notifications");
        var ofTicket = await ApiHarness.SendAsync(officer, HttpMethod.Get, "/api/staff/notifications?q=" + first);
        var unread = await ApiHarness.SendAsync(officer, HttpMethod.Get, "/api/staff/notifications?unread=true");
        var one = await ApiHarness.SendAsync(officer, HttpMethod.Get, "/api/staff/notifications?pageSize=1");
        var next = await ApiHarness.SendAsync(officer, HttpMethod.Get, "/api/staff/notifications?pageSize=1&continuationToken=" + Uri.EscapeDataString(one.Json.GetProperty("continuationToken").GetString() ?? ""));

        var ids = all.Json.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.True(ids.Count >= 2, all.Text);
        Assert.All(ofTicket.Json.GetProperty("items").EnumerateArray(), n => Assert.Equal(first, n.GetProperty("ticketNumber").GetString()));
        Assert.NotEmpty(ofTicket.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(ids, unread.Json.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(ids.Take(2), one.Json.GetProperty("items").EnumerateArray().Concat(next.Json.GetProperty("items").EnumerateArray()).Select(n => n.GetProperty("id").GetString()));
    }

    public static TheoryData<string, string, string> BadQueries()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (user, path) in new[] { ("officer.finance.1", "/api/staff/desk"), ("head.finance", "/api/staff/departments/finance/queue"), ("supervisor.1", "/api/staff/overdue") })
        {
            data.Add(user, path + "?q=" + new string('甲', 101), "q");
            data.Add(user, path + "?q=%E7%94%B2%01", "q");
            data.Add(user, path + "?officer=officer%20finance", "officer");
            data.Add(user, path + "?officer=" + new string('o', 129), "officer");
            data.Add(user, path + "?status=Bogus", "status");
            data.Add(user, path + "?status=3", "status");
            data.Add(user, path + "?pageSize=0", "pageSize");
            data.Add(user, path + "?pageSize=201", "pageSize");
            data.Add(user, path + "?pageSize=abc", "pageSize");
            data.Add(user, path + "?continuationToken=not-a-token", "continuationToken");
            data.Add(user, path + "?continuationToken=0000000000000000001%7COther%7C2026-0212-ABCDEF", "continuationToken");
            data.Add(user, path + "?q=" + Uri.EscapeDataString(StaffListSearchFixture.NamePart) + "&continuationToken=%00", "continuationToken");
        }

        data.Add("officer.finance.1", "/api/staff/notifications?q=%3Cscript%3E", "q");
        data.Add("officer.finance.1", "/api/staff/notifications?q=" + new string('1', 65), "q");
        data.Add("officer.finance.1", "/api/staff/notifications?unread=maybe", "unread");
        data.Add("officer.finance.1", "/api/staff/notifications?pageSize=201", "pageSize");
        data.Add("officer.finance.1", "/api/staff/notifications?continuationToken=0639000000000000000%7C2026-0212-ABCDEF", "continuationToken");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task List_BadQuery_Answers400ProblemNamingTheParameter(string user, string path, string field)
    {
        var answer = await ApiHarness.SendAsync(await Api.SignInAsync(user), HttpMethod.Get, path, language: "en");

        Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.Text);
        Assert.True(answer.IsProblem, answer.Text);
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), answer.Text);
    }

    [Theory]
    [InlineData("zh-CN", new[] { "工单编号、统一社会信用代码或企业名称", "联络员", "状态", "查询", "下一页" }, "没有符合查询条件的工单。", "所选状态无效。")]
    [InlineData("en", new[] { "Ticket number, credit code or enterprise name", "Officer", "Status", "Search", "Next page" }, "No tickets match the search.", "That status is not valid.")]
    public async Task QueuePage_SearchWithSmallPages_FormKeepsTheSearchInTheNextLinkAndAnEmptyResultSaysSo(string language, string[] texts, string empty, string badStatus)
    {
        using var browser = await BrowserAsync("head.finance", language);

        var html = await browser.GetStringAsync("/staff/queue/finance?status=Routed&pageSize=2");
        var next = NextLink(html);
        var second = await browser.GetStringAsync(next);
        var none = await browser.GetStringAsync("/staff/queue/finance?q=" + Uri.EscapeDataString("没有这家企业"));
        using var bad = await browser.GetAsync("/staff/queue/finance?status=Bogus");
        var badHtml = await bad.Content.ReadAsStringAsync();

        Assert.Contains("<form method=\"get\" action=\"/staff/queue/finance\"", html, StringComparison.Ordinal);
        foreach (var text in texts)
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }

        Assert.Contains("status=Routed", next, StringComparison.Ordinal);
        Assert.Contains("pageSize=2", next, StringComparison.Ordinal);
        Assert.Contains("continuationToken=", next, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Routed\" selected", html, StringComparison.Ordinal);
        var firstPage = fixture.Numbers.Where(n => html.Contains($"data-testid=\"ticket-{n}\"", StringComparison.Ordinal)).ToList();
        var secondPage = fixture.Numbers.Where(n => second.Contains($"data-testid=\"ticket-{n}\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, firstPage.Count);
        Assert.Equal(2, secondPage.Count);
        Assert.Empty(firstPage.Intersect(secondPage));
        Assert.Contains("data-testid=\"first-page\"", second, StringComparison.Ordinal);
        Assert.Contains(empty, none, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(badStatus, badHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "工单编号、统一社会信用代码或企业名称")]
    [InlineData("en", "Ticket number, credit code or enterprise name")]
    public async Task DeskAndInboxPages_SearchByNumber_ShowThatTicketOnly(string language, string hint)
    {
        var first = fixture.NamePartTickets[0];
        using var browser = await BrowserAsync(await Api.OfficerOfAsync(first), language);

        var desk = await browser.GetStringAsync("/staff?q=" + first);
        var inbox = await browser.GetStringAsync("/staff/inbox?q=" + first + "&unread=true");

        Assert.Contains(hint, desk, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"ticket-{first}\"", desk, StringComparison.Ordinal);
        Assert.Single(fixture.Numbers, n => desk.Contains($"data-testid=\"ticket-{n}\"", StringComparison.Ordinal));
        Assert.Contains($"value=\"{first}\"", inbox, StringComparison.Ordinal);
        Assert.Contains(first, inbox, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Numbers.Where(n => n != first), n => inbox.Contains(n, StringComparison.Ordinal));
    }

    private static string Number(JsonElement ticket) => ticket.GetProperty("number").GetString()!;

    /// <summary>The page's next-page link, decoded from the HTML attribute.</summary>
    private static string NextLink(string html)
    {
        var marker = html.IndexOf("data-testid=\"next-page\"", StringComparison.Ordinal);
        Assert.True(marker > 0, "no next-page link");
        var start = html.LastIndexOf("href=\"", marker, StringComparison.Ordinal) + "href=\"".Length;
        return System.Net.WebUtility.HtmlDecode(html[start..html.IndexOf('"', start)]);
    }

    /// <summary>A page client signed in by bearer token, in <paramref name="language"/>.</summary>
    private async Task<HttpClient> BrowserAsync(string user, string language)
    {
        using var response = await Api.Anonymous.PostAsync("/api/dev/token", ApiHarness.Json(JsonSerializer.Serialize(new { user })));
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Api.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }
}
