using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>The whole life of a ticket through the HTTP API, with the development clock driving the deadlines.</summary>
[Collection(UsesAzurite.Name)]
public sealed class TicketLifecycleTests(AzuriteFixture storage)
{
    // Thursday before the 2026 Spring Festival (holiday 15–23 Feb, make-up workdays Sat 14 and Sat 28 Feb).
    private const string Start = "2026-02-12T09:00:00+08:00";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private Task<ApiHarness> StartAsync() =>
        ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });

    [Fact]
    public async Task Lifecycle_SubmitToConfirm_WalksEveryStepWithDeadlinesAndEscalations()
    {
        await using var api = await StartAsync();
        var officer = await api.SignInAsync("officer.finance.1");
        var head = await api.SignInAsync("head.finance");
        var supervisor = await api.SignInAsync("supervisor.1");

        // 受理 with an attachment: routed to finance at once, deadlines across the Spring Festival.
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in ApiHarness.Form())
        {
            form.Add(new StringContent(value is bool b ? (b ? "true" : "false") : (string)value!), key);
        }

        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "attachments", "营业执照.pdf");
        using var created = await api.Anonymous.PostAsync("/api/tickets", form);
        var receipt = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.StatusCode == HttpStatusCode.Created, receipt.ToString());
        await api.App.DispatchedAsync();
        var number = receipt.GetProperty("number").GetString()!;
        var code = receipt.GetProperty("trackingCode").GetString()!;
        Assert.Equal($"/api/tickets/{number}", created.Headers.Location?.OriginalString);
        Assert.Equal("Submitted", receipt.GetProperty("status").GetString());

        // The enterprise tracks it (routed to finance by its orchestration, deadlines across the Spring Festival) and
        // downloads its file.
        var tracked = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, $"/api/tickets/{number}", trackingCode: code);
        Assert.Equal(HttpStatusCode.OK, tracked.Status);
        Assert.Equal("Routed", tracked.Json.GetProperty("status").GetString());
        Assert.Equal("finance", tracked.Json.GetProperty("leadDepartmentId").GetString());
        Assert.Equal("2026-02-28", tracked.Json.GetProperty("deadlines").GetProperty("resolution").GetProperty("dueDate").GetString());
        Assert.Equal("2026-02-13", tracked.Json.GetProperty("deadlines").GetProperty("signIn").GetProperty("dueDate").GetString());
        var attachment = tracked.Json.GetProperty("attachments")[0];
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        using (var download = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/{number}/attachments/{attachment.GetProperty("id").GetString()}"))
        {
            download.Headers.Add("X-Tracking-Code", code);
            using var file2 = await api.Anonymous.SendAsync(download);
            Assert.Equal(HttpStatusCode.OK, file2.StatusCode);
            Assert.Equal(Pdf, await file2.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", file2.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", file2.Headers.GetValues("X-Content-Type-Options").Single());
        }

        // The head assigns the officer (unless the rules already did).
        var view = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{number}");
        if (view.Json.GetProperty("officerId").ValueKind == JsonValueKind.Null)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(head, number, "assignment", new { officerId = "officer.finance.1" })).Status);
        }

        // Nobody signs in on Friday: on the make-up Saturday the officer signs in, late.
        var signInSweep = await api.MoveClockAsync(new { now = "2026-02-14T09:30:00+08:00" });
        Assert.True(signInSweep.GetProperty("timersFired").GetInt32() >= 1);
        var checkedIn = await api.ActAsync(officer, number, "check-in", new { });
        Assert.True(checkedIn.Status == HttpStatusCode.OK, checkedIn.Text);
        Assert.Equal("InProgress", checkedIn.Json.GetProperty("status").GetString());
        Assert.False(checkedIn.Json.GetProperty("departments")[0].GetProperty("signedInOnTime").GetBoolean());
        Assert.True(checkedIn.Json.GetProperty("departments")[0].GetProperty("signInOverdueRaised").GetBoolean());

        // The day before the due date the officer asks for two more working days and gets them.
        await api.MoveClockAsync(new { now = "2026-02-27T10:00:00+08:00" });
        var extension = await api.ActAsync(officer, number, "extension-request", new { workingDays = 2, reason = "需银行总行审批" });
        Assert.True(extension.Status == HttpStatusCode.OK, extension.Text);
        var approved = await api.ActAsync(supervisor, number, "extension-decision", new { approve = true, note = "同意延期" });
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Text);
        Assert.Equal("2026-03-03", approved.Json.GetProperty("deadlines").GetProperty("resolution").GetProperty("dueDate").GetString());

        // The new deadline nears and passes: blue reminder the working day before, yellow card at due, red card three
        // working days later, on the overdue board.
        await api.MoveClockAsync(new { now = "2026-03-03T10:00:00+08:00" });
        Assert.Contains("BlueReminder", Rungs((await ApiHarness.SendAsync(officer, HttpMethod.Get, $"/api/staff/tickets/{number}")).Json));
        await api.MoveClockAsync(new { now = "2026-03-04T10:00:00+08:00" });
        Assert.Contains("YellowCard", Rungs((await ApiHarness.SendAsync(officer, HttpMethod.Get, $"/api/staff/tickets/{number}")).Json));
        await api.MoveClockAsync(new { now = "2026-03-09T10:00:00+08:00" });
        var red = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, $"/api/staff/tickets/{number}");
        Assert.Contains("RedCard", Rungs(red.Json));
        var board = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/overdue");
        Assert.Contains(board.Json.GetProperty("items").EnumerateArray(), t => t.GetProperty("number").GetString() == number && t.GetProperty("level").GetString() == "Red");
        Assert.Contains("BlueReminder", await KindsAsync(officer));
        Assert.Contains("YellowCard", await KindsAsync(head));
        Assert.Contains("RedCard", await KindsAsync(supervisor));

        // 督办单, then the reply, rejected once, replied again, confirmed: 销号.
        var order = await api.ActAsync(supervisor, number, "supervision-orders", new { instructions = "三个工作日内答复企业", workingDays = 3 });
        Assert.True(order.Status == HttpStatusCode.OK, order.Text);
        Assert.Equal("DB-01", order.Json.GetProperty("supervisionOrders")[0].GetProperty("orderId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, number, "reply", new { answer = "已协调银行，贷款本周内放款。", resolved = true })).Status);
        var rejected = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, $"/api/tickets/{number}/rejection", new { reason = "尚未收到放款通知" }, trackingCode: code);
        Assert.True(rejected.Status == HttpStatusCode.OK, rejected.Text);
        Assert.Equal("InProgress", rejected.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, number, "reply", new { answer = "贷款已于今日放款，请查收。", resolved = true })).Status);
        var confirmed = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, $"/api/tickets/{number}/confirmation", new { rating = "Satisfied", comment = "感谢" }, trackingCode: code);
        Assert.True(confirmed.Status == HttpStatusCode.OK, confirmed.Text);
        Assert.Equal("Closed", confirmed.Json.GetProperty("status").GetString());
        Assert.Equal("Satisfied", confirmed.Json.GetProperty("closure").GetProperty("rating").GetString());

        // The enterprise's timeline shows both replies and no internal work; the ledger verifies.
        Assert.Equal(2, confirmed.Json.GetProperty("replies").GetArrayLength());
        var kinds = confirmed.Json.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.DoesNotContain("EscalationRaised", kinds);
        Assert.DoesNotContain("SupervisionOrderIssued", kinds);
        Assert.Contains("ExtensionApproved", kinds);
        var ledger = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, $"/api/staff/tickets/{number}/ledger");
        Assert.True(ledger.Json.GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData("Consultation", "2026-02-14")]
    [InlineData("Help", "2026-02-28")]
    [InlineData("Complaint", "2026-03-11")]
    public async Task Submit_BeforeSpringFestival_DeadlinesSkipTheHolidayAndCountMakeUpSaturdays(string type, string due)
    {
        await using var api = await StartAsync();

        // Answered at the commit; routed, with its clocks, by the ticket's orchestration right after.
        var submitted = await api.SubmitAsync(ApiHarness.Form(type: type));

        Assert.Equal("Submitted", submitted.Body.GetProperty("status").GetString());
        var tracked = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, $"/api/tickets/{submitted.Number}", trackingCode: submitted.TrackingCode);
        var resolution = tracked.Json.GetProperty("deadlines").GetProperty("resolution");
        Assert.Equal(due, resolution.GetProperty("dueDate").GetString());
        Assert.False(resolution.GetProperty("provisional").GetBoolean());
    }

    private static List<string?> Rungs(JsonElement ticket) =>
        [.. ticket.GetProperty("rungsReached").EnumerateArray().Select(r => r.GetString())];

    private static async Task<List<string?>> KindsAsync(HttpClient user)
    {
        var inbox = await ApiHarness.SendAsync(user, HttpMethod.Get, "/api/staff/notifications");
        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        return [.. inbox.Json.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("kind").GetString())];
    }
}
