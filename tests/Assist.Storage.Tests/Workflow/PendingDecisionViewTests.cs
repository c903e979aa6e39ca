using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Workflow;

/// <summary>
/// The supervisors' worklist as the projector keeps it: a row per return or extension waiting for a decision, added
/// when it is requested and removed when it is decided or the ticket moves on, oldest first, a page at a time, with the
/// decision's deadline; idempotent and only ever moving forward, like every view.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class PendingDecisionViewTests(AzuriteFixture fixture)
{
    private static readonly Actor Supervisor = Actor.Staff("supervisor.1");

    [Fact]
    public async Task ListPendingDecisions_ExtensionThenReturnRequested_OldestFirstWithDeadlineUntilEachIsDecided()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var extended = await InProgressAsync(harness);
        var officer = Actor.Staff(extended.State.OfficerId!);
        var asked = await harness.DoAsync(extended.Number, new RequestExtension(officer, 3, "需等待银行贷审会"));
        harness.Time.Advance(TimeSpan.FromMinutes(30));
        var returned = await harness.SubmitAsync(WorkflowHarness.Form(confidential: true));
        var returning = await harness.DoAsync(returned.Number, new ReturnTicket(Actor.Staff(returned.State.OfficerId!), "属于税务事项"));

        var both = await harness.ReadModels.ListPendingDecisionsAsync(50);

        Assert.Equal([(extended.Number, PendingDecisionKind.Extension), (returned.Number, PendingDecisionKind.Return)], both.Items.Select(d => (d.Number, d.Kind)));
        Assert.Null(both.ContinuationToken);
        var extension = both.Items[0];
        var pending = asked.Ticket.State.PendingExtension!;
        Assert.Equal(pending.DecisionDue.At, extension.DecisionDueAt);
        Assert.Equal(pending.RequestedAt, extension.RequestedAt);
        Assert.Equal(3, extension.WorkingDays);
        Assert.Equal("需等待银行贷审会", extension.Reason);
        Assert.Equal(officer.Id, extension.RequestedBy);
        Assert.Equal("finance", extension.DepartmentId);
        Assert.Equal("地方金融管理局", extension.DepartmentName);
        Assert.Equal("深圳市示例科技有限公司", extension.EnterpriseName);
        Assert.Equal(extended.State.Clock!.Due.At, extension.ResolutionDueAt);
        Assert.False(extension.DecisionOverdue);
        var @return = both.Items[1];
        Assert.Equal(returning.Ticket.State.PendingReturn!.DecisionDue.At, @return.DecisionDueAt);
        Assert.Equal("属于税务事项", @return.Reason);
        Assert.Null(@return.WorkingDays);
        Assert.Equal(TicketStatus.ReturnRequested, @return.Status);
        // Confidential: the enterprise is not in the view, as in every staff list.
        Assert.True(@return.Confidential);
        Assert.Null(@return.EnterpriseName);

        await harness.DoAsync(extended.Number, new DecideExtension(Supervisor, false, "理由不充分", null));
        Assert.Equal([returned.Number], (await harness.ReadModels.ListPendingDecisionsAsync(50)).Items.Select(d => d.Number));

        await harness.DoAsync(returned.Number, new DecideReturn(Supervisor, false, "属于本部门职责", null, null));
        Assert.Empty((await harness.ReadModels.ListPendingDecisionsAsync(50)).Items);
    }

    [Fact]
    public async Task ListPendingDecisions_ExtensionWhileAReturnWaits_LeavesAndComesBackInItsPlaceWhenTheReturnIsRefused()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var first = await InProgressAsync(harness);
        var officer = Actor.Staff(first.State.OfficerId!);
        await harness.DoAsync(first.Number, new RequestExtension(officer, 2, "需银行总行审批"));
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        var later = await InProgressAsync(harness);
        await harness.DoAsync(later.Number, new RequestExtension(Actor.Staff(later.State.OfficerId!), 2, "需补充评估"));
        harness.Time.Advance(TimeSpan.FromMinutes(10));

        // The return is decided first: until then the extension is not a decision a supervisor can take.
        await harness.DoAsync(first.Number, new ReturnTicket(officer, "属于税务事项"));
        var whileReturning = await harness.ReadModels.ListPendingDecisionsAsync(50);
        Assert.Equal([(later.Number, PendingDecisionKind.Extension), (first.Number, PendingDecisionKind.Return)], whileReturning.Items.Select(d => (d.Number, d.Kind)));

        await harness.DoAsync(first.Number, new DecideReturn(Supervisor, false, "属于本部门职责", null, null));
        var refused = await harness.ReadModels.ListPendingDecisionsAsync(50);
        Assert.Equal([(first.Number, PendingDecisionKind.Extension), (later.Number, PendingDecisionKind.Extension)], refused.Items.Select(d => (d.Number, d.Kind)));

        // Accepting a return re-routes the ticket: its extension request goes with the old department.
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        await harness.DoAsync(later.Number, new ReturnTicket(Actor.Staff(later.State.OfficerId!), "属于税务事项"));
        await harness.DoAsync(later.Number, new DecideReturn(Supervisor, true, "同意退单", "tax", null));
        Assert.Equal([first.Number], (await harness.ReadModels.ListPendingDecisionsAsync(50)).Items.Select(d => d.Number));
    }

    [Fact]
    public async Task Projection_StaleReplayedAndOverdue_OneRowPerRequestOnlyMovingForward()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await InProgressAsync(harness);
        var asked = await harness.DoAsync(ticket.Number, new RequestExtension(Actor.Staff(ticket.State.OfficerId!), 2, "需银行总行审批"));
        var directory = await harness.Directory.GetAsync();
        var projector = new TicketProjector(harness.Storage, new CounterLedger(harness.Storage), null, null);
        var history = await TicketRows.LoadEventsAsync(harness.Storage.Tickets, ticket.Number, CancellationToken.None);
        var version = asked.Ticket.Version;

        // The same version projected again (a retried dispatch): still one row.
        await projector.ApplyAsync(asked.Ticket, history, version, version, directory, CancellationToken.None);
        Assert.Single((await harness.ReadModels.ListPendingDecisionsAsync(50)).Items);

        // The decision window runs out: the ladder tells supervisors (in office hours), and the row says so at the newer version.
        var due = asked.Ticket.State.PendingExtension!.DecisionDue.At;
        await harness.AdvanceToAsync(due.AddHours(9));
        var overdue = Assert.Single((await harness.ReadModels.ListPendingDecisionsAsync(50)).Items);
        Assert.True(overdue.DecisionOverdue);
        Assert.True(overdue.Version > version);
        Assert.Contains((await harness.ReadModels.ListNotificationsAsync("supervisor.1")).Items, n => n.Kind == nameof(EscalationRung.ExtensionDecisionOverdue));

        // Decided; then a late dispatcher projects the version that asked: the request does not come back.
        await harness.DoAsync(ticket.Number, new DecideExtension(Supervisor, true, "同意延期", null));
        await projector.ApplyAsync(asked.Ticket, history, version, version, directory, CancellationToken.None);
        Assert.Empty((await harness.ReadModels.ListPendingDecisionsAsync(50)).Items);

        // A rebuild from the events lands in the same place.
        await harness.DoAsync(ticket.Number, new RequestExtension(Actor.Staff(ticket.State.OfficerId!), 1, "再延一日"));
        var before = await harness.ReadModels.ListPendingDecisionsAsync(50);
        await harness.Service.RebuildProjectionsAsync();
        Assert.Equal(before.Items, (await harness.ReadModels.ListPendingDecisionsAsync(50)).Items);
    }

    [Fact]
    public async Task ListPendingDecisions_ThreeRequestsTwoPerPage_PagesOldestFirstAndRefusesAForeignToken()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var ticket = await harness.SubmitAsync();
            await harness.DoAsync(ticket.Number, new ReturnTicket(Actor.Staff(ticket.State.OfficerId!), "属于税务事项"));
            numbers.Add(ticket.Number);
            harness.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var first = await harness.ReadModels.ListPendingDecisionsAsync(2);
        // The first page's last request is decided before the next page is read: the next page still starts after it.
        await harness.DoAsync(numbers[1], new DecideReturn(Supervisor, false, "属于本部门职责", null, null));
        var second = await harness.ReadModels.ListPendingDecisionsAsync(2, first.ContinuationToken);

        Assert.Equal(numbers.Take(2), first.Items.Select(d => d.Number));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal([numbers[2]], second.Items.Select(d => d.Number));
        Assert.Null(second.ContinuationToken);
        await Assert.ThrowsAsync<ArgumentException>(() => harness.ReadModels.ListPendingDecisionsAsync(2, "not-a-token"));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.ReadModels.ListPendingDecisionsAsync(2, "0000000000000000001|Other|2026-0212-ABCDEF"));
    }

    /// <summary>A ticket routed to finance, assigned, and signed in: an extension may be requested.</summary>
    private static async Task<TicketRecord> InProgressAsync(WorkflowHarness harness)
    {
        var ticket = await harness.SubmitAsync();
        var signedIn = await harness.DoAsync(ticket.Number, new CheckIn(Actor.Staff(ticket.State.OfficerId!), ticket.State.LeadDepartmentId!));
        return signedIn.Ticket;
    }
}
