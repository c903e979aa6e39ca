using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Workflow;

/// <summary>A whole ticket through the engine with the clock moved by hand, across the 2026 Spring Festival.</summary>
[Collection(UsesAzurite.Name)]
public sealed class TicketLifecycleTests(AzuriteFixture fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task Lifecycle_LateSignInLadderSupervisionReplyRejectExtensionConfirm_ClosesWithLedgerViewsAndCounters()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var service = harness.Service;

        // 受理 on Thursday 2026-02-12: routed to finance and assigned at once.
        var ticket = await harness.SubmitAsync();
        var number = ticket.Number;
        var officer = Actor.Staff(ticket.State.OfficerId!);
        Assert.Equal(TicketStatus.Routed, ticket.State.Status);
        // 7 working days over the Spring Festival (15–23 Feb off, 14 and 28 Feb make-up workdays): due Saturday 28 Feb.
        Assert.Equal(new DateOnly(2026, 2, 28), ticket.State.Clock!.Due.DueDate);
        Assert.Equal(new DateOnly(2026, 2, 13), ticket.State.Departments[0].SignInDue.DueDate);

        // Nobody signs in by the end of Friday: the department head is told, held until office hours on the make-up Saturday.
        var sweep = await harness.AdvanceToAsync(new DateTimeOffset(2026, 2, 14, 1, 0, 0, China));
        Assert.Equal(1, sweep.TimersFired);
        Assert.Empty((await harness.ReadModels.ListNotificationsAsync("head.finance")).Items);
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 2, 14, 9, 0, 0, China));
        var signInOverdue = Assert.Single((await harness.ReadModels.ListNotificationsAsync("head.finance")).Items);
        Assert.Equal(nameof(EscalationRung.SignInOverdue), signInOverdue.Kind);
        Assert.Equal(new DateTimeOffset(2026, 2, 14, 8, 30, 0, China), signInOverdue.NotifyAt);

        var signedIn = await harness.DoAsync(number, new CheckIn(officer, "finance"));
        Assert.False(Assert.IsType<DepartmentSignedIn>(Assert.Single(signedIn.NewEvents)).OnTime);
        await harness.DoAsync(number, new RecordContact(officer, "电话联系企业财务负责人"));

        // Blue reminder to the officer one working day before due, yellow card to the head at due, red card to supervisors 3 working days later.
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 2, 28, 9, 0, 0, China));
        Assert.Contains((await harness.ReadModels.ListNotificationsAsync(officer.Id)).Items, n => n.Kind == nameof(EscalationRung.BlueReminder));
        Assert.Equal(AttentionLevel.Blue, Assert.Single((await harness.ReadModels.ListDeskAsync(officer.Id)).Items).Level);

        await harness.AdvanceToAsync(new DateTimeOffset(2026, 3, 2, 9, 0, 0, China));
        Assert.Contains((await harness.ReadModels.ListNotificationsAsync("head.finance")).Items, n => n.Kind == nameof(EscalationRung.YellowCard));
        var yellow = Assert.Single((await harness.ReadModels.ListOverdueAsync()).Items);
        Assert.Equal(AttentionLevel.Yellow, yellow.Level);

        await harness.AdvanceToAsync(new DateTimeOffset(2026, 3, 5, 9, 0, 0, China));
        Assert.Contains((await harness.ReadModels.ListNotificationsAsync("supervisor.1")).Items, n => n.Kind == nameof(EscalationRung.RedCard));
        var red = Assert.Single((await harness.ReadModels.ListOverdueAsync()).Items);
        Assert.Equal(AttentionLevel.Red, red.Level);
        Assert.Equal(3, red.WorkingDaysOverdue);

        // 督办单 with two working days; the head and the officer are told.
        await harness.DoAsync(number, new IssueSupervisionOrder(Actor.Staff("supervisor.1"), "DB-2026-001", null, "三日内答复企业", 2));
        Assert.Contains((await harness.ReadModels.ListNotificationsAsync(officer.Id)).Items, n => n.Kind == TicketNotifications.Kinds.SupervisionOrder);

        // 答复, then the enterprise is not satisfied: 退回重办 with a new clock.
        await harness.DoAsync(number, new Reply(officer, "已协调银行加快审批", Resolved: false));
        Assert.Empty((await harness.ReadModels.ListOverdueAsync()).Items);
        var reopened = await harness.DoAsync(number, new RejectReply(Actor.Enterprise, "贷款仍未放款"));
        Assert.Equal(TicketStatus.InProgress, reopened.Ticket.State.Status);

        // 延期 on the new clock, approved by a supervisor.
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 3, 6, 10, 0, 0, China));
        await harness.DoAsync(number, new RequestExtension(officer, 3, "需等待银行贷审会"));
        var extended = await harness.DoAsync(number, new DecideExtension(Actor.Staff("supervisor.2"), true, "同意延期", null));
        Assert.IsType<ExtensionApproved>(Assert.Single(extended.NewEvents));

        await harness.DoAsync(number, new Reply(officer, "贷款已发放", Resolved: true));
        var closed = await harness.DoAsync(number, new Confirm(Actor.Enterprise, SatisfactionRating.Satisfied, "感谢"));
        Assert.Equal(TicketStatus.Closed, closed.Ticket.State.Status);

        // A closed ticket leaves every working view; the timers it held are ignored when they come due.
        Assert.Empty((await harness.ReadModels.ListDeskAsync(officer.Id)).Items);
        Assert.Empty((await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items);
        var late = await harness.AdvanceToAsync(new DateTimeOffset(2026, 4, 30, 9, 0, 0, China));
        Assert.Equal(0, late.TimersFired);
        Assert.Equal(closed.Ticket.Version, (await service.GetAsync(number))!.Version);

        var ledger = await service.GetLedgerAsync(number);
        Assert.True(ledger!.Verification.IsValid);
        Assert.Equal(closed.Ticket.Version, ledger.Entries.Count);

        var february = await harness.ReadModels.GetMonthCountersAsync(2026, 2);
        Assert.Equal(1, february["finance"].SignInsDue);
        Assert.Equal(0, february["finance"].SignedInOnTime);
        var march = await harness.ReadModels.GetMonthCountersAsync(2026, 3);
        Assert.Equal(2, march["finance"].Replied);
        Assert.Equal(1, march["finance"].Resolved);
        Assert.Equal(1, march["finance"].Answered);
        Assert.Equal(1, march["finance"].Overdue);
        Assert.Equal(1, march["finance"].Extensions);
        Assert.Equal(1, march["finance"].Satisfied);
    }

    [Fact]
    public async Task Submit_FiveWorkingDaysOverSpringFestival_DueOn26February()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var policies = Assist.Domain.Policies.DefaultPolicies.Create();
        await harness.Directory.PutPoliciesAsync(policies with
        {
            Sla = new Assist.Domain.Policies.SlaPolicies(policies.Sla.Rules
                .Select(r => r.Type == TicketType.Help && !r.Urgent ? r with { Resolution = Assist.Domain.Calendar.TimeLimit.WorkingDays(5) } : r)
                .ToList().ToValueListForTest()),
        });

        var ticket = await harness.SubmitAsync();

        Assert.Equal(new DateOnly(2026, 2, 26), ticket.State.Clock!.Due.DueDate);
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 0, China), Assert.Single((await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!)).Items).DueAt);
    }
}

internal static class ValueListTestExtensions
{
    public static Assist.Domain.Common.ValueList<T> ToValueListForTest<T>(this IEnumerable<T> items) => new(items);
}
