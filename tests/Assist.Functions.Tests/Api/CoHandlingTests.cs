using System.Net;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// 协办 end to end: a PROJECT ticket goes to the development commission (主办) with the land and planning bureau as
/// co-handler (协办, the seeded rule). The co-handler sees it in its queue, signs in, records contacts and progress and
/// submits its contribution; the lead's reply waits for it until the co-handler's own deadline, and past that deadline
/// the co-handler's heads and the lead's officer are told, the reply goes without it, and the lateness lands in the
/// co-handler's own scorecard line.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class CoHandlingTests(AzuriteFixture storage)
{
    // Monday 2 March 2026, 10:00: three working days for the contribution → due by the end of Thursday 5 March.
    private const string Start = "2026-03-02T10:00:00+08:00";
    private const string Lead = "development";
    private const string CoHandler = "landplan";

    [Fact]
    public async Task CoHandler_SignsInContactsAndContributes_LeadRepliesWithIt_AndALateOneCountsAgainstIt()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        var coOfficer = await api.SignInAsync("officer.landplan.1");
        var coHead = await api.SignInAsync("head.landplan");
        var outsider = await api.SignInAsync("officer.tax.1");
        var ticket = await api.SubmitAsync(ApiHarness.Form(topic: "PROJECT"));
        var late = await api.SubmitAsync(ApiHarness.Form(topic: "PROJECT"));
        await api.App.DispatchedAsync();
        var officerId = await OfficerOfAsync(api, ticket.Number);
        var officer = await api.SignInAsync(officerId);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "check-in", new { })).Status);

        // The co-handler's part shows on the ticket with its own deadline, and the ticket is in its queue.
        var view = await ApiHarness.StaffViewAsync(coOfficer, ticket.Number);
        var part = view.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("departmentId").GetString() == CoHandler);
        Assert.Equal(("CoHandler", true), (part.GetProperty("role").GetString(), part.GetProperty("owesContribution").GetBoolean()));
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.FromHours(8)), part.GetProperty("contributionDue").GetProperty("at").GetDateTimeOffset());
        Assert.Contains(ticket.Number, await QueueAsync(coHead, CoHandler));
        // Its queue shows the co-handler's own deadline; the lead's queue the resolution deadline.
        var own = await QueueItemAsync(coHead, CoHandler, ticket.Number);
        Assert.Equal((true, new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.FromHours(8))), (own.GetProperty("contributionDue").GetBoolean(), own.GetProperty("dueAt").GetDateTimeOffset()));
        var lead = await QueueItemAsync(await api.SignInAsync("head.development"), Lead, ticket.Number);
        Assert.False(lead.GetProperty("contributionDue").GetBoolean());
        Assert.Equal(view.GetProperty("deadlines").GetProperty("resolution").GetProperty("at").GetDateTimeOffset(), lead.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Contains("CheckInTicket", ApiHarness.Actions(view));
        Assert.DoesNotContain("SubmitContribution", ApiHarness.Actions(view));

        // The lead cannot reply yet; the co-handler cannot contribute before signing in; others cannot at all.
        ApiHarness.AssertProblem(await api.ActAsync(officer, ticket.Number, "reply", new { answer = "已协调", resolved = true }), HttpStatusCode.Conflict, "contributions-pending");
        ApiHarness.AssertProblem(await api.ActAsync(coOfficer, ticket.Number, "contribution", new { text = "用地手续可并联审批" }), HttpStatusCode.Conflict, "sign-in-required");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ActAsync(outsider, ticket.Number, "contribution", new { text = "无关部门" })).Status);

        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(coOfficer, ticket.Number, "check-in", new { })).Status);
        var contact = await api.ActAsync(coOfficer, ticket.Number, "contacts", new { note = "电话核实用地红线" });
        Assert.True(contact.Status == HttpStatusCode.OK, contact.Text);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(coOfficer, ticket.Number, "progress", new { note = "已调阅规划条件" })).Status);
        var empty = await api.ActAsync(coOfficer, ticket.Number, "contribution", new { text = " " });
        ApiHarness.AssertProblem(empty, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(empty.Json.GetProperty("errors").TryGetProperty("text", out _), empty.Text);
        Assert.Contains("SubmitContribution", ApiHarness.Actions(await ApiHarness.StaffViewAsync(coOfficer, ticket.Number)));
        var contributed = await api.ActAsync(coOfficer, ticket.Number, "contribution", new { text = "用地手续可并联审批，十个工作日内出具规划条件" });
        Assert.True(contributed.Status == HttpStatusCode.OK, contributed.Text);
        ApiHarness.AssertProblem(await api.ActAsync(coHead, ticket.Number, "contribution", new { text = "再补充" }), HttpStatusCode.Conflict, "already-contributed");
        Assert.Contains("CoHandlerContributed", await ApiHarness.NotificationKindsAsync(officer, ticket.Number));

        var replied = await api.ActAsync(officer, ticket.Number, "reply", new { answer = "已会同自然资源部门并联审批", resolved = true });
        Assert.True(replied.Status == HttpStatusCode.OK, replied.Text);
        var reply = replied.Json.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "TicketReplied");
        Assert.Equal([CoHandler], reply.GetProperty("contributions").EnumerateArray().Select(d => d.GetString()));
        // The contribution and the co-handler's contact stay internal: the enterprise reads the lead's answer.
        var tracked = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, $"/api/tickets/{ticket.Number}", trackingCode: ticket.TrackingCode);
        Assert.DoesNotContain("十个工作日内出具规划条件", tracked.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("CoHandlerContributed", tracked.Text, StringComparison.Ordinal);

        // The other ticket: nobody contributes. Friday morning the co-handler's deadline has passed.
        var lateOfficer = await api.SignInAsync(await OfficerOfAsync(api, late.Number));
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(lateOfficer, late.Number, "check-in", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(coOfficer, late.Number, "check-in", new { })).Status);
        var moved = await api.MoveClockAsync(new { now = "2026-03-06T09:00:00+08:00" });
        Assert.True(moved.GetProperty("settled").GetBoolean(), moved.ToString());
        await api.App.DispatchedAsync();
        Assert.Contains("ContributionOverdue", await ApiHarness.NotificationKindsAsync(coHead, late.Number));
        Assert.Contains("ContributionOverdue", await ApiHarness.NotificationKindsAsync(lateOfficer, late.Number));
        Assert.Contains("ContributionReminder", await ApiHarness.NotificationKindsAsync(coOfficer, late.Number));
        var lateReply = await api.ActAsync(lateOfficer, late.Number, "reply", new { answer = "主办部门先行答复", resolved = true });
        Assert.True(lateReply.Status == HttpStatusCode.OK, lateReply.Text);
        var withoutIt = lateReply.Json.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "TicketReplied");
        Assert.Equal([CoHandler], withoutIt.GetProperty("missingContributions").EnumerateArray().Select(d => d.GetString()));

        // The co-handler's own scorecard line carries the missed deadline; the lead's does not.
        var scorecard = await ApiHarness.SendAsync(await api.SignInAsync("supervisor.1"), HttpMethod.Get, "/api/reports/scorecard?period=2026-03");
        Assert.True(scorecard.Status == HttpStatusCode.OK, scorecard.Text);
        int Overdue(string department) => scorecard.Json.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("departmentId").GetString() == department).GetProperty("overdue").GetInt32();
        Assert.Equal(1, Overdue(CoHandler));
        Assert.Equal(0, Overdue(Lead));
    }

    /// <summary>The officer the rules assigned to the development commission's ticket, read as its head reads it.</summary>
    private static async Task<string> OfficerOfAsync(ApiHarness api, string number) =>
        (await ApiHarness.StaffViewAsync(await api.SignInAsync("head.development"), number)).GetProperty("officerId").GetString()!;

    private static async Task<List<string?>> QueueAsync(HttpClient user, string department)
    {
        var queue = await ApiHarness.SendAsync(user, HttpMethod.Get, $"/api/staff/departments/{department}/queue");
        Assert.True(queue.Status == HttpStatusCode.OK, queue.Text);
        return [.. queue.Json.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetString())];
    }

    private static async Task<JsonElement> QueueItemAsync(HttpClient user, string department, string number)
    {
        var queue = await ApiHarness.SendAsync(user, HttpMethod.Get, $"/api/staff/departments/{department}/queue?q={number}");
        Assert.True(queue.Status == HttpStatusCode.OK, queue.Text);
        return Assert.Single(queue.Json.GetProperty("items").EnumerateArray());
    }
}
