using System.Net;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// HQ leaders (指挥部领导) act on what was escalated to them (提级): 批示 that the lead department acknowledges
/// (签收批示), supervision orders and 改派 — each told to whom it asks to act, refused to other roles (403) and before
/// 提级 (409); the enterprise sees that its ticket went to HQ, and nothing internal.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class HqLeaderActionTests(AzuriteFixture storage)
{
    // A Monday morning in office hours: non-urgent notices are due at once.
    private const string Start = "2026-03-02T10:00:00+08:00";
    private const string EscalationNote = "内部说明：涉及三个部门职责交叉";
    private const string InstructionText = "请金融办牵头，三日内拿出解决方案";

    [Fact]
    public async Task Escalated_HqLeaderInstructsDepartmentAcknowledgesThenOrderAndReRoute_EveryoneTold()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        var leader = await api.SignInAsync("hq.leader");
        var supervisor = await api.SignInAsync("supervisor.1");
        var head = await api.SignInAsync("head.finance");
        var ticket = await api.SubmitAsync(ApiHarness.Form());
        await api.App.DispatchedAsync();
        var officerId = (await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}")).Json.GetProperty("officerId").GetString()!;
        var officer = await api.SignInAsync(officerId);
        var colleague = await api.SignInAsync(officerId == "officer.finance.1" ? "officer.finance.2" : "officer.finance.1");
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "check-in", new { })).Status);

        // Before 提级 the ticket is not HQ's: an instruction, an HQ order or a re-route is refused by its state.
        ApiHarness.AssertProblem(await api.ActAsync(leader, ticket.Number, "instructions", new { instruction = InstructionText }), HttpStatusCode.Conflict, "not-escalated-to-hq");
        ApiHarness.AssertProblem(await api.ActAsync(leader, ticket.Number, "supervision-orders", new { instructions = "尽快办理", workingDays = 2 }), HttpStatusCode.Conflict, "not-escalated-to-hq");
        ApiHarness.AssertProblem(await api.ActAsync(leader, ticket.Number, "route", new { leadDepartmentId = "tax" }), HttpStatusCode.Conflict, "not-escalated-to-hq");
        Assert.DoesNotContain("GiveInstruction", ApiHarness.Actions(await ApiHarness.StaffViewAsync(leader, ticket.Number)));

        var escalated = await api.ActAsync(supervisor, ticket.Number, "escalation", new { note = EscalationNote });
        Assert.True(escalated.Status == HttpStatusCode.OK, escalated.Text);
        Assert.Contains("HqEscalation", await ApiHarness.NotificationKindsAsync(leader, ticket.Number));
        Assert.Contains("GiveInstruction", ApiHarness.Actions(await ApiHarness.StaffViewAsync(leader, ticket.Number)));
        Assert.DoesNotContain("GiveInstruction", ApiHarness.Actions(await ApiHarness.StaffViewAsync(supervisor, ticket.Number)));

        // 批示: only HQ leaders; an empty one names the field.
        var empty = await api.ActAsync(leader, ticket.Number, "instructions", new { instruction = " " });
        ApiHarness.AssertProblem(empty, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(empty.Json.GetProperty("errors").TryGetProperty("instruction", out _), empty.Text);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ActAsync(supervisor, ticket.Number, "instructions", new { instruction = InstructionText })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ActAsync(head, ticket.Number, "instructions", new { instruction = InstructionText })).Status);
        var instructed = await api.ActAsync(leader, ticket.Number, "instructions", new { instruction = InstructionText });
        Assert.True(instructed.Status == HttpStatusCode.OK, instructed.Text);
        var instruction = instructed.Json.GetProperty("instructions")[0];
        Assert.Equal(("PS-01", InstructionText, "hq.leader"), (instruction.GetProperty("instructionId").GetString(), instruction.GetProperty("text").GetString(), instruction.GetProperty("givenBy").GetString()));

        // The lead department's head and the ticket's officer are asked to acknowledge it; another officer may not.
        Assert.Contains("HqInstruction", await ApiHarness.NotificationKindsAsync(officer, ticket.Number));
        Assert.Contains("HqInstruction", await ApiHarness.NotificationKindsAsync(head, ticket.Number));
        Assert.DoesNotContain("HqInstruction", await ApiHarness.NotificationKindsAsync(leader, ticket.Number));
        Assert.Contains("AcknowledgeInstruction", ApiHarness.Actions(await ApiHarness.StaffViewAsync(head, ticket.Number)));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ActAsync(colleague, ticket.Number, "instruction-acknowledgement", new { })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ActAsync(leader, ticket.Number, "instruction-acknowledgement", new { })).Status);
        var acknowledged = await api.ActAsync(officer, ticket.Number, "instruction-acknowledgement", new { note = "已签收，按批示落实" });
        Assert.True(acknowledged.Status == HttpStatusCode.OK, acknowledged.Text);
        Assert.Equal(JsonValueKind.String, acknowledged.Json.GetProperty("instructions")[0].GetProperty("acknowledgedAt").ValueKind);
        Assert.Contains("HqInstructionAcknowledged", await ApiHarness.NotificationKindsAsync(leader, ticket.Number));
        ApiHarness.AssertProblem(await api.ActAsync(head, ticket.Number, "instruction-acknowledgement", new { }), HttpStatusCode.Conflict, "no-pending-instruction");

        // A supervision order by the HQ leader, told to the department.
        Assert.Contains("IssueSupervisionOrder", ApiHarness.Actions(await ApiHarness.StaffViewAsync(leader, ticket.Number)));
        var ordered = await api.ActAsync(leader, ticket.Number, "supervision-orders", new { instructions = "本周内办结", workingDays = 3 });
        Assert.True(ordered.Status == HttpStatusCode.OK, ordered.Text);
        Assert.Contains("SupervisionOrder", await ApiHarness.NotificationKindsAsync(officer, ticket.Number));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ActAsync(head, ticket.Number, "supervision-orders", new { instructions = "尽快", workingDays = 1 })).Status);

        // 改派: a new round with the tax bureau, whose officer is told; the HQ office's administrator may not.
        var admin = await api.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ActAsync(admin, ticket.Number, "route", new { leadDepartmentId = "tax" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ActAsync(head, ticket.Number, "route", new { leadDepartmentId = "tax" })).Status);
        var same = await api.ActAsync(leader, ticket.Number, "route", new { leadDepartmentId = "finance" });
        Assert.Equal(HttpStatusCode.BadRequest, same.Status);
        Assert.Contains("RouteTicket", ApiHarness.Actions(await ApiHarness.StaffViewAsync(leader, ticket.Number)));
        var rerouted = await api.ActAsync(leader, ticket.Number, "route", new { leadDepartmentId = "tax" });
        Assert.True(rerouted.Status == HttpStatusCode.OK, rerouted.Text);
        Assert.Equal(("tax", "Routed"), (rerouted.Json.GetProperty("leadDepartmentId").GetString(), rerouted.Json.GetProperty("status").GetString()));
        var taxOfficerId = rerouted.Json.GetProperty("officerId").GetString()!;
        Assert.StartsWith("officer.tax.", taxOfficerId, StringComparison.Ordinal);
        Assert.Contains("Assigned", await ApiHarness.NotificationKindsAsync(await api.SignInAsync(taxOfficerId), ticket.Number));

        // The enterprise sees that its ticket went to HQ, in both languages, and nothing internal.
        foreach (var language in new[] { "zh-CN", "en" })
        {
            var tracked = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, $"/api/tickets/{ticket.Number}", trackingCode: ticket.TrackingCode, language: language);
            Assert.True(tracked.Status == HttpStatusCode.OK, tracked.Text);
            Assert.True(tracked.Json.GetProperty("escalatedToHq").GetBoolean());
            var kinds = tracked.Json.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
            Assert.Contains("TicketEscalatedToHq", kinds);
            Assert.DoesNotContain("HqInstructionGiven", kinds);
            Assert.DoesNotContain("SupervisionOrderIssued", kinds);
            foreach (var secret in new[] { EscalationNote, InstructionText, "supervisor.1", "hq.leader", "本周内办结" })
            {
                Assert.DoesNotContain(secret, tracked.Text, StringComparison.Ordinal);
            }
        }
    }
}
