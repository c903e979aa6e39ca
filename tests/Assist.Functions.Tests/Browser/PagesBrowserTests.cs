using System.Net;
using System.Text;
using Assist.Functions.Tests.Api;
using Microsoft.Playwright;

namespace Assist.Functions.Tests.Browser;

/// <summary>People using the pages in a real (headless) Chromium: the enterprise, an officer, a supervisor.</summary>
[Collection(UsesBrowser.Name)]
public sealed class PagesBrowserTests(BrowserFixture fixture)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task SubmitForm_WithAFile_ShowsReceiptAndTheTicketCanBeTracked()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/submit");
        await FillFormAsync(page, ApiHarness.ValidCreditCode);
        await page.Locator("#attachments").SetInputFilesAsync(new FilePayload { Name = "营业执照.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await BrowserFixture.ScreenshotAsync(page, "enterprise-form");
        await page.GetByTestId("submit-ticket").ClickAsync();

        var number = (await page.GetByTestId("ticket-number").InnerTextAsync()).Trim();
        var code = (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim();
        Assert.Equal(32, code.Length);
        Assert.EndsWith("/receipt", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("copy-code")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "enterprise-receipt");

        // Another device, a moment later (the ticket's orchestration has routed it): type the number and code; the
        // code never shows up in an address.
        await fixture.Api.App.DispatchedAsync();
        var other = await fixture.NewPageAsync();
        await other.GotoAsync("/track");
        await other.Locator("#ticketNumber").FillAsync(number);
        await other.Locator("#trackingCode").FillAsync(code);
        await other.GetByTestId("open-ticket").ClickAsync();
        await Assertions.Expect(other.GetByTestId("tracked-number")).ToHaveTextAsync(number);
        Assert.DoesNotContain(code, other.Url, StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(other.GetByTestId("ticket-status")).ToHaveTextAsync("待签收");
        await Assertions.Expect(other.GetByTestId("attachment")).ToHaveTextAsync("营业执照.pdf");
        var download = await other.RunAndWaitForDownloadAsync(() => other.GetByTestId("attachment").ClickAsync());
        await using (var stream = await download.CreateReadStreamAsync())
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy);
            Assert.Equal(Pdf, copy.ToArray());
        }

        await BrowserFixture.ScreenshotAsync(other, "enterprise-tracking");

        // A wrong code shows nothing of the ticket.
        var stranger = await fixture.NewPageAsync();
        await stranger.GotoAsync("/track");
        await stranger.Locator("#ticketNumber").FillAsync(number);
        await stranger.Locator("#trackingCode").FillAsync("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        await stranger.GetByTestId("open-ticket").ClickAsync();
        await Assertions.Expect(stranger.GetByTestId("track-problem")).ToBeVisibleAsync();
        Assert.Equal(0, await stranger.GetByTestId("tracked-number").CountAsync());
    }

    [Fact]
    public async Task SubmitForm_WrongCreditCodeCheckDigit_ShowsTheMessageAndKeepsWhatWasTyped()
    {
        var page = await fixture.NewPageAsync(phone: true);
        await page.GotoAsync("/submit");
        await FillFormAsync(page, "9144030071526726XA");
        await page.GetByTestId("submit-ticket").ClickAsync();

        await Assertions.Expect(page.GetByTestId("error-creditCode")).ToContainTextAsync("校验位");
        await Assertions.Expect(page.Locator("#creditCode")).ToHaveValueAsync("9144030071526726XA");
        await Assertions.Expect(page.Locator("#creditCode")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#enterpriseName")).ToHaveValueAsync("深圳市示例科技有限公司");
        await Assertions.Expect(page.Locator("#description")).ToHaveValueAsync(Description);
        await Assertions.Expect(page.Locator("#topic")).ToHaveValueAsync("FINANCE");
        await Assertions.Expect(page.Locator("#consentGiven")).ToBeCheckedAsync();
        Assert.Equal(1, await page.Locator(".field-error").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "enterprise-form-invalid-phone");
    }

    [Fact]
    public async Task Officer_SignsInOnTheDevelopmentPage_ChecksTheTicketIn()
    {
        var ticket = await fixture.Api.SubmitAsync();
        var officer = await OfficerOfAsync(ticket.Number);
        var page = await fixture.NewPageAsync();

        await BrowserFixture.SignInAsync(page, officer);
        await page.GotoAsync("/staff");
        await page.GetByTestId("ticket-" + ticket.Number).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("待签收");
        await Assertions.Expect(page.GetByTestId("mobile-masked")).ToHaveTextAsync("138****8000");
        await page.GetByTestId("action-CheckInTicket").Locator("summary").ClickAsync();
        await page.GetByTestId("action-CheckInTicket").GetByTestId("submit-action").ClickAsync();

        await Assertions.Expect(page.GetByTestId("done")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("办理中");
        Assert.Equal(Assist.Domain.Tickets.TicketStatus.InProgress, (await fixture.TicketAsync(ticket.Number)).State.Status);

        // The reveal is a logged POST, and shows the number.
        await page.GetByTestId("reveal-mobile").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mobile-revealed")).ToHaveTextAsync("13800138000");
        await BrowserFixture.ScreenshotAsync(page, "officer-ticket");
    }

    [Fact]
    public async Task StaleForm_AfterAConcurrentChange_SaysTheTicketChanged()
    {
        var ticket = await fixture.Api.SubmitAsync();
        var officer = await OfficerOfAsync(ticket.Number);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, officer);
        await page.GotoAsync("/staff/tickets/" + ticket.Number);

        // Meanwhile a colleague checks in through the API.
        var colleague = await fixture.Api.SignInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.ActAsync(colleague, ticket.Number, "check-in", new { })).Status);

        await page.GetByTestId("action-CheckInTicket").Locator("summary").ClickAsync();
        await page.GetByTestId("action-CheckInTicket").GetByTestId("submit-action").ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("已被他人更新");
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("办理中");
    }

    [Fact]
    public async Task DevClockMovedPastDue_OfficerDeskShowsRedCard_SupervisorBoardListsTheTicket()
    {
        var ticket = await fixture.Api.SubmitAsync();
        var officer = await OfficerOfAsync(ticket.Number);
        var token = await fixture.Api.SignInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.ActAsync(token, ticket.Number, "check-in", new { })).Status);
        var due = (await fixture.TicketAsync(ticket.Number)).State.Clock!.Due.DueDate;

        // Five working days after the due date at the latest the red card is out (3 working days overdue).
        var later = due.AddDays(7).ToDateTime(new TimeOnly(10, 0));
        await fixture.MoveClockAsync(new DateTimeOffset(later, TimeSpan.FromHours(8)).ToString("O"));

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, officer);
        await page.GotoAsync("/staff");
        var card = page.GetByTestId("ticket-" + ticket.Number);
        await Assertions.Expect(card).ToHaveAttributeAsync("data-level", "Red");
        await Assertions.Expect(card.GetByTestId("level")).ToHaveTextAsync("红牌督办");
        await BrowserFixture.ScreenshotAsync(page, "officer-desk");

        var supervisor = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(supervisor, "supervisor.1");
        await supervisor.GotoAsync("/staff/overdue");
        var row = supervisor.GetByTestId("overdue").GetByTestId("ticket-" + ticket.Number);
        await Assertions.Expect(row).ToHaveAttributeAsync("data-level", "Red");
        await Assertions.Expect(row.GetByTestId("days-overdue")).ToContainTextAsync("已超期");
        await Assertions.Expect(supervisor.GetByTestId("overdue").Locator("li").First).ToHaveAttributeAsync("data-level", "Red");
        await BrowserFixture.ScreenshotAsync(supervisor, "supervisor-overdue-board");
    }

    [Fact]
    public async Task Supervisor_OpensTheWorklist_DecidesTheExtensionOnTheTicketPageAndItLeavesTheList()
    {
        var ticket = await fixture.Api.SubmitAsync();
        var officer = await fixture.Api.SignInAsync(await OfficerOfAsync(ticket.Number));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.ActAsync(officer, ticket.Number, "check-in", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.ActAsync(officer, ticket.Number, "extension-request", new { workingDays = 2, reason = "需银行总行审批" })).Status);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "supervisor.1");

        await page.GetByTestId("nav-worklist").ClickAsync();
        var item = page.GetByTestId($"decision-{ticket.Number}-Extension");
        await Assertions.Expect(item.GetByTestId("decision-kind")).ToHaveTextAsync("延期申请");
        await Assertions.Expect(item.GetByTestId("decision-due")).ToContainTextAsync("审核期限");
        await Assertions.Expect(item.GetByTestId("decision-request")).ToContainTextAsync("需银行总行审批");
        await BrowserFixture.ScreenshotAsync(page, "supervisor-worklist");
        await item.GetByTestId("decide").ClickAsync();
        var form = page.GetByTestId("action-DecideExtension");
        await form.Locator("summary").ClickAsync();
        await form.Locator("#ext-approve").CheckAsync();
        await form.Locator("textarea[name=note]").FillAsync("同意延期");
        await form.GetByTestId("submit-action").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToBeVisibleAsync();

        await page.GotoAsync("/staff/worklist");
        await Assertions.Expect(page.GetByTestId($"decision-{ticket.Number}-Extension")).ToHaveCountAsync(0);
        Assert.Null((await fixture.TicketAsync(ticket.Number)).State.PendingExtension);
    }

    [Fact]
    public async Task Enterprise_ConfirmsTheReplyWithARating_TicketIsClosed()
    {
        var ticket = await fixture.Api.SubmitAsync();
        var officer = await fixture.Api.SignInAsync(await OfficerOfAsync(ticket.Number));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.ActAsync(officer, ticket.Number, "check-in", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.ActAsync(officer, ticket.Number, "reply", new { answer = "已协调银行，贷款本周内放款。", resolved = true })).Status);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/track");
        await page.Locator("#ticketNumber").FillAsync(ticket.Number);
        await page.Locator("#trackingCode").FillAsync(ticket.TrackingCode);
        await page.GetByTestId("open-ticket").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("已答复待确认");
        await page.GetByLabel("满意", new() { Exact = true }).CheckAsync();
        await page.Locator("#comment").FillAsync("感谢及时协调");
        await page.GetByTestId("confirm").ClickAsync();

        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("已办结");
        await Assertions.Expect(page.GetByTestId("closure-rating")).ToHaveTextAsync("满意");
        var closed = (await fixture.TicketAsync(ticket.Number)).State.Closure;
        Assert.Equal(Assist.Domain.Tickets.SatisfactionRating.Satisfied, closed?.Rating);
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglishAndBack_EveryPageFollowsTheChoice()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/submit");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我要反映问题");

        await page.GetByTestId("lang-en").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Report a problem");
        Assert.EndsWith("/submit", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/track");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Track a request");
        await BrowserFixture.ScreenshotAsync(page, "tracking-english");

        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("办理进度查询");

        // Without a choice, the browser's language decides.
        var english = await fixture.NewPageAsync(locale: "en-GB");
        await english.GotoAsync("/");
        await Assertions.Expect(english.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task Administrator_AddsATopic_TheFormOffersIt()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("系统管理");
        await page.Locator("#topic-code").FillAsync("EXPORT");
        await page.Locator("#topic-zh").FillAsync("出口与外贸");
        await page.Locator("#topic-en").FillAsync("Exports and trade");
        await page.Locator("#topics button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "admin");

        await page.GotoAsync("/submit");
        await Assertions.Expect(page.Locator("#topic option[value=EXPORT]")).ToHaveTextAsync("出口与外贸");
    }

    private const string Description = "我司三个月前申请的流动资金贷款至今未获审批，影响原材料采购，请协调相关部门尽快处理。";

    private static async Task FillFormAsync(IPage page, string creditCode)
    {
        await page.Locator("#enterpriseName").FillAsync("深圳市示例科技有限公司");
        await page.Locator("#creditCode").FillAsync(creditCode);
        await page.Locator("#district").SelectOptionAsync("高新区");
        await page.Locator("#industry").FillAsync("制造业");
        await page.Locator("#size").SelectOptionAsync("中型");
        await page.Locator("#contactName").FillAsync("王经理");
        await page.Locator("#mobile").FillAsync("13800138000");
        await page.Locator("#type").SelectOptionAsync("Help");
        await page.Locator("#topic").SelectOptionAsync("FINANCE");
        await page.Locator("#title").FillAsync("流动资金贷款审批迟迟没有结果");
        await page.Locator("#description").FillAsync(Description);
        await page.Locator("#consentGiven").CheckAsync();
    }

    /// <summary>The officer the rules assigned (or the first finance officer, assigned here by the head).</summary>
    private async Task<string> OfficerOfAsync(string number)
    {
        var state = (await fixture.TicketAsync(number)).State;
        if (state.OfficerId is { } officer)
        {
            return officer;
        }

        var head = await fixture.Api.SignInAsync("head.finance");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.ActAsync(head, number, "assignment", new { officerId = "officer.finance.1" })).Status);
        return "officer.finance.1";
    }
}
