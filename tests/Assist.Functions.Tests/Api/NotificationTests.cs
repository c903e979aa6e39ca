using System.Net;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// Everyone asked to act is told, in their inbox and in the header, exactly once: assignment, a ticket left for manual
/// routing, information provided, a reply rejected, return and extension requests and their decisions.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class NotificationTests(AzuriteFixture storage)
{
    // A Monday morning in office hours: non-urgent notices are due at once.
    private const string Start = "2026-03-02T10:00:00+08:00";

    private Task<ApiHarness> StartAsync() =>
        ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });

    [Fact]
    public async Task Lifecycle_EveryoneAskedToAct_IsToldOnceInTheInboxAndTheHeader()
    {
        await using var api = await StartAsync();
        var head = await api.SignInAsync("head.finance");
        var supervisor = await api.SignInAsync("supervisor.1");

        var ticket = await api.SubmitAsync(ApiHarness.Form());
        await api.App.DispatchedAsync();
        var officerId = (await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}")).Json.GetProperty("officerId").GetString()!;
        var officer = await api.SignInAsync(officerId);
        Assert.Equal(["Assigned"], await KindsAsync(officer, ticket.Number));
        Assert.Equal("1", await HeaderCountAsync(officer));

        // The officer asks for information; the enterprise provides it: the officer is told.
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "check-in", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "information-requests", new { question = "请提供贷款合同" })).Status);
        var provided = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, $"/api/tickets/{ticket.Number}/information", new { answer = "已补充" }, trackingCode: ticket.TrackingCode);
        Assert.True(provided.Status == HttpStatusCode.OK, provided.Text);
        await api.App.DispatchedAsync();
        Assert.Contains("InformationProvided", await KindsAsync(officer, ticket.Number));

        // An extension request goes to the supervisors; the decision to the officer and the department's head.
        var requested = await api.ActAsync(officer, ticket.Number, "extension-request", new { workingDays = 2, reason = "需银行总行审批" });
        Assert.True(requested.Status == HttpStatusCode.OK, requested.Text);
        Assert.Contains("ExtensionRequested", await KindsAsync(supervisor, ticket.Number));
        var approved = await api.ActAsync(supervisor, ticket.Number, "extension-decision", new { approve = true, note = "同意" });
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Text);
        Assert.Contains("ExtensionApproved", await KindsAsync(officer, ticket.Number));
        Assert.Contains("ExtensionApproved", await KindsAsync(head, ticket.Number));
        // Whoever decided is not told of their own decision.
        Assert.DoesNotContain("ExtensionApproved", await KindsAsync(supervisor, ticket.Number));

        // A return request goes to the supervisors, its refusal back to the officer.
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "return", new { reason = "不属于本部门" })).Status);
        Assert.Contains("ReturnRequested", await KindsAsync(supervisor, ticket.Number));
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(supervisor, ticket.Number, "return-decision", new { accept = false, note = "属于本部门职责" })).Status);
        Assert.Contains("ReturnRefused", await KindsAsync(officer, ticket.Number));

        // The officer replies, the enterprise rejects the reply: the officer is told.
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "reply", new { answer = "已协调办理", resolved = true })).Status);
        var rejected = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, $"/api/tickets/{ticket.Number}/rejection", new { reason = "未解决" }, trackingCode: ticket.TrackingCode);
        Assert.True(rejected.Status == HttpStatusCode.OK, rejected.Text);
        await api.App.DispatchedAsync();
        Assert.Contains("ReplyRejected", await KindsAsync(officer, ticket.Number));

        // Projected again (a retried activity, a rebuild): nobody is told twice.
        var admin = await api.SignInAsync("admin");
        var rebuilt = await ApiHarness.SendAsync(admin, HttpMethod.Post, "/api/admin/projections/rebuild", new { });
        Assert.True(rebuilt.Status is HttpStatusCode.OK or HttpStatusCode.Accepted, rebuilt.Text);
        var kinds = await KindsAsync(officer, ticket.Number);
        Assert.Equal(kinds.Distinct().Count(), kinds.Count);

        // Read marks bring the header's count down.
        var unread = int.Parse(await HeaderCountAsync(officer) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(kinds.Count, unread);
        var first = (await ApiHarness.SendAsync(officer, HttpMethod.Get, "/api/staff/notifications")).Json.GetProperty("items")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await ApiHarness.SendAsync(officer, HttpMethod.Post, $"/api/staff/notifications/{Uri.EscapeDataString(first!)}/read")).Status);
        Assert.Equal((unread - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await HeaderCountAsync(officer) ?? "0");
    }

    [Fact]
    public async Task Submit_NoRuleMatches_TheHqOfficeIsToldToRouteIt()
    {
        await using var api = await StartAsync();
        var clerk = await api.SignInAsync("officer.hq-office.1");
        var head = await api.SignInAsync("head.hq-office");
        var finance = await api.SignInAsync("head.finance");

        var ticket = await api.SubmitAsync(ApiHarness.Form(topic: "OTHER"));
        await api.App.DispatchedAsync();

        Assert.Equal(["ManualRouting"], await KindsAsync(clerk, ticket.Number));
        Assert.Equal(["ManualRouting"], await KindsAsync(head, ticket.Number));
        Assert.Empty(await KindsAsync(finance, ticket.Number));
        var ledger = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}/ledger");
        Assert.Contains("ManualRoutingRequired", ledger.Json.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));

        // Routed by hand: the assigned officer is told, and the HQ office is not asked again.
        var routed = await api.ActAsync(head, ticket.Number, "route", new { leadDepartmentId = "finance" });
        Assert.True(routed.Status == HttpStatusCode.OK, routed.Text);
        Assert.Equal(["ManualRouting"], await KindsAsync(clerk, ticket.Number));
    }

    private static async Task<List<string?>> KindsAsync(HttpClient user, string ticket)
    {
        var inbox = await ApiHarness.SendAsync(user, HttpMethod.Get, "/api/staff/notifications");
        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        return [.. inbox.Json.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("ticketNumber").GetString() == ticket).Select(n => n.GetProperty("kind").GetString()).Reverse()];
    }

    /// <summary>The unread count the staff pages' header shows beside the inbox link, or null when there is none.</summary>
    private static async Task<string?> HeaderCountAsync(HttpClient user)
    {
        var html = await user.GetStringAsync("/staff/inbox");
        var marker = "data-testid=\"unread-count\"";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var hidden = html.IndexOf("aria-hidden=\"true\">", at, StringComparison.Ordinal) + "aria-hidden=\"true\">".Length;
        return html[hidden..html.IndexOf('<', hidden)];
    }
}
