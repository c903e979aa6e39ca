using System.Net;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// 共性问题 end to end: three enterprises in one district report the same power-connection delay (UTILITY, led by the
/// development commission); Assist suggests them as one problem, a supervisor groups them under the industrial park
/// bureau, whose coordinated answer becomes each waiting member's reply; each enterprise confirms and rates its own
/// ticket; the ledger names the issue and the month's bulletin counts it; HQ sees the largest open issue first; other
/// departments see nothing of it.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class CommonIssueApiTests(AzuriteFixture storage)
{
    private const string Start = "2026-03-02T10:00:00+08:00";
    private const string Lead = "park";

    [Fact]
    public async Task CommonIssue_SuggestedGroupedAnsweredOnceRatedEach_CountedInTheLedger()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        var supervisor = await api.SignInAsync("supervisor.1");
        var leader = await api.SignInAsync("hq.leader");
        var parkHead = await api.SignInAsync("head.park");
        var financeHead = await api.SignInAsync("head.finance");
        var one = await api.SubmitAsync(Utility("园区用电报装排队三个月未接电"));
        var two = await api.SubmitAsync(Utility("园区用电报装排队两个月仍未接电", confidential: true));
        var three = await api.SubmitAsync(Utility("园区用电报装排队未接电"));
        var other = await api.SubmitAsync(Utility("厂区周边道路积水严重"));
        await api.App.DispatchedAsync();

        // Assist suggests the three as one problem, not the fourth; for one ticket, the two like it.
        var suggested = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/common-issue-suggestions");
        Assert.True(suggested.Status == HttpStatusCode.OK, suggested.Text);
        var group = Assert.Single(suggested.Json.EnumerateArray());
        Assert.Equal(new[] { one.Number, two.Number, three.Number }.Order(), Numbers(group.GetProperty("tickets")).Order());
        var like = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, $"/api/staff/common-issue-suggestions?ticket={one.Number}");
        Assert.Equal(new[] { two.Number, three.Number }.Order(), Numbers(Assert.Single(like.Json.EnumerateArray()).GetProperty("tickets")).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiHarness.SendAsync(parkHead, HttpMethod.Get, "/api/staff/common-issue-suggestions")).Status);
        var badTicket = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/common-issue-suggestions?ticket=<x>");
        Assert.Equal(HttpStatusCode.BadRequest, badTicket.Status);
        Assert.True(badTicket.Json.GetProperty("errors").TryGetProperty("ticket", out _), badTicket.Text);

        // Grouping: supervisors only; bad input names the field; a ticket that does not exist is named, the rest join.
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiHarness.SendAsync(parkHead, HttpMethod.Post, "/api/staff/common-issues", new { title = "x", leadDepartmentId = Lead, tickets = new[] { one.Number } })).Status);
        var empty = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, "/api/staff/common-issues", new { title = " ", leadDepartmentId = "nowhere", tickets = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        foreach (var field in new[] { "title", "leadDepartmentId", "tickets" })
        {
            Assert.True(empty.Json.GetProperty("errors").TryGetProperty(field, out _), field + ": " + empty.Text);
        }

        var missing = "2026-0302-ZZZZZZ";
        var created = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, "/api/staff/common-issues", new { title = "园区用电报装接电慢", leadDepartmentId = Lead, tickets = new[] { one.Number, two.Number, three.Number, missing } });
        Assert.True(created.Status == HttpStatusCode.Created, created.Text);
        var issue = created.Json.GetProperty("issue");
        var id = issue.GetProperty("id").GetString()!;
        Assert.Matches("^GX-20260302-[A-Z2-9]{6}$", id);
        Assert.Equal((3, 3, Lead), (issue.GetProperty("memberCount").GetInt32(), issue.GetProperty("openMembers").GetInt32(), issue.GetProperty("leadDepartmentId").GetString()));
        var outcomes = created.Json.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("number").GetString()!, o => o.GetProperty("done").GetBoolean());
        Assert.Equal([true, true, true, false], new[] { one.Number, two.Number, three.Number, missing }.Select(n => outcomes[n]));
        // Joined once: asking again changes nothing; the member's officer and the lead's heads are told.
        var again = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, $"/api/staff/common-issues/{id}/members", new { tickets = new[] { one.Number } });
        Assert.True(again.Status == HttpStatusCode.OK, again.Text);
        Assert.Equal(3, again.Json.GetProperty("issue").GetProperty("memberCount").GetInt32());
        var officer = await api.SignInAsync(await OfficerAsync(api, one.Number));
        Assert.Contains("CommonIssueJoined", await ApiHarness.NotificationKindsAsync(officer, one.Number));
        Assert.Contains("CommonIssueJoined", await ApiHarness.NotificationKindsAsync(parkHead, one.Number));

        // The lead department sees its issue, the confidential member without its name; another department sees nothing.
        var asLead = await ApiHarness.SendAsync(parkHead, HttpMethod.Get, $"/api/staff/common-issues/{id}");
        Assert.True(asLead.Status == HttpStatusCode.OK, asLead.Text);
        var secret = asLead.Json.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("number").GetString() == two.Number);
        Assert.Equal(JsonValueKind.Null, secret.GetProperty("enterpriseName").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiHarness.SendAsync(financeHead, HttpMethod.Get, $"/api/staff/common-issues/{id}")).Status);
        Assert.Empty((await ApiHarness.SendAsync(financeHead, HttpMethod.Get, "/api/staff/common-issues")).Json.EnumerateArray());

        // The answer before any member signed in reaches nobody, and says why; only the lead's staff answer.
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiHarness.SendAsync(financeHead, HttpMethod.Post, $"/api/staff/common-issues/{id}/answer", new { answer = "x", resolved = true })).Status);
        var blank = await ApiHarness.SendAsync(parkHead, HttpMethod.Post, $"/api/staff/common-issues/{id}/answer", new { answer = "", resolved = (bool?)null });
        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.True(blank.Json.GetProperty("errors").TryGetProperty("answer", out _) && blank.Json.GetProperty("errors").TryGetProperty("resolved", out _), blank.Text);
        const string Answer = "已协调供电局开通园区报装绿色通道，本月底前完成接电。";
        var early = await ApiHarness.SendAsync(parkHead, HttpMethod.Post, $"/api/staff/common-issues/{id}/answer", new { answer = Answer, resolved = true });
        Assert.True(early.Status == HttpStatusCode.OK, early.Text);
        Assert.All(early.Json.GetProperty("outcomes").EnumerateArray(), o => Assert.Equal("not-allowed-in-status", o.GetProperty("code").GetString()));

        // Two members' departments sign in; the answer again replies to those two, by the park bureau, naming the issue.
        foreach (var member in new[] { one, two })
        {
            Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(await api.SignInAsync(await OfficerAsync(api, member.Number)), member.Number, "check-in", new { })).Status);
        }

        var answered = await ApiHarness.SendAsync(parkHead, HttpMethod.Post, $"/api/staff/common-issues/{id}/answer", new { answer = Answer, resolved = true });
        Assert.True(answered.Status == HttpStatusCode.OK, answered.Text);
        var done = answered.Json.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("number").GetString()!, o => o.GetProperty("done").GetBoolean());
        Assert.Equal([true, true, false], new[] { one.Number, two.Number, three.Number }.Select(n => done[n]));
        Assert.Equal(Answer, answered.Json.GetProperty("issue").GetProperty("answer").GetProperty("text").GetString());
        var reply = (await ApiHarness.SendAsync(supervisor, HttpMethod.Get, $"/api/staff/tickets/{one.Number}")).Json.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "TicketReplied");
        Assert.Equal((Lead, Answer), (reply.GetProperty("departmentId").GetString(), reply.GetProperty("text").GetString()));

        // Each enterprise confirms and rates its own ticket.
        var confirmed = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, $"/api/tickets/{one.Number}/confirmation", new { rating = "VerySatisfied" }, trackingCode: one.TrackingCode);
        Assert.True(confirmed.Status == HttpStatusCode.OK, confirmed.Text);
        var afterRating = await ApiHarness.SendAsync(leader, HttpMethod.Get, $"/api/staff/common-issues/{id}");
        var rated = afterRating.Json.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("number").GetString()!);
        Assert.Equal(("Closed", "VerySatisfied"), (rated[one.Number].GetProperty("status").GetString(), rated[one.Number].GetProperty("rating").GetString()));
        Assert.Equal(("Replied", JsonValueKind.Null), (rated[two.Number].GetProperty("status").GetString(), rated[two.Number].GetProperty("rating").ValueKind));
        Assert.Equal(2, afterRating.Json.GetProperty("openMembers").GetInt32());

        // HQ sees the largest open issue first; the ledger names the issue on each member's line.
        var small = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, "/api/staff/common-issues", new { title = "道路积水", leadDepartmentId = "transport", tickets = new[] { other.Number } });
        Assert.True(small.Status == HttpStatusCode.Created, small.Text);
        var list = await ApiHarness.SendAsync(leader, HttpMethod.Get, "/api/staff/common-issues");
        Assert.Equal([id, small.Json.GetProperty("issue").GetProperty("id").GetString()], list.Json.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var ledger = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/reports/ledger?period=2026-03&pageSize=50");
        Assert.True(ledger.Status == HttpStatusCode.OK, ledger.Text);
        var lines = ledger.Json.GetProperty("items").EnumerateArray().ToDictionary(l => l.GetProperty("number").GetString()!);
        Assert.All(new[] { one, two, three }, m => Assert.Equal(id, lines[m.Number].GetProperty("commonIssueId").GetString()));

        // The month's bulletin (通报) counts the issues grouped in it and their members.
        var bulletin = await ApiHarness.SendAsync(leader, HttpMethod.Get, "/api/reports/bulletin?month=2026-03");
        Assert.True(bulletin.Status == HttpStatusCode.OK, bulletin.Text);
        var counted = bulletin.Json.GetProperty("commonIssues").EnumerateArray().ToList();
        Assert.Equal([id, small.Json.GetProperty("issue").GetProperty("id").GetString()], counted.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal((3, 2, 2), (counted[0].GetProperty("members").GetInt32(), counted[0].GetProperty("answered").GetInt32(), counted[0].GetProperty("openMembers").GetInt32()));
    }

    private static Dictionary<string, object?> Utility(string title, bool confidential = false)
    {
        var form = ApiHarness.Form(topic: "UTILITY", confidential: confidential);
        form["title"] = title;
        return form;
    }

    private static IEnumerable<string?> Numbers(JsonElement tickets) => tickets.EnumerateArray().Select(t => t.GetProperty("number").GetString());

    private static async Task<string> OfficerAsync(ApiHarness api, string number)
    {
        var view = await ApiHarness.SendAsync(await api.SignInAsync("head.development"), HttpMethod.Get, $"/api/staff/tickets/{number}");
        Assert.True(view.Status == HttpStatusCode.OK, view.Text);
        return view.Json.GetProperty("officerId").GetString()!;
    }
}
