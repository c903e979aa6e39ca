using Assist.Domain.Common;
using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;
using static Assist.Domain.Tests.Support.TestData;
using static Assist.Domain.Tests.Support.TicketScenario;
using Kinds = Assist.Domain.Tickets.TicketNotifications.Kinds;

namespace Assist.Domain.Tests.Tickets;

/// <summary>
/// 协办: a co-handling department (税务局 on a FINANCE ticket) signs in, contributes its part by its own deadline on its own
/// ladder, and the lead's reply waits for it until then; its lateness is its own.
/// </summary>
public sealed class CoHandlingTests
{
    private static readonly Actor TaxStaff = Actor.Staff(TaxOfficer);

    // Routed Monday 2026-03-02 10:00: three working days → by the end of Thursday 5 March; the lead's 7 days run to 11 March.
    private static readonly DateTimeOffset ContributionDueAt = Beijing(2026, 3, 6, 0);

    [Fact]
    public void Route_CoHandler_OwnContributionDeadlineAndLadder()
    {
        var state = InStatus(TicketStatus.Routed).State;

        var tax = state.Department(Tax)!;
        var lead = state.Department(Finance)!;
        Assert.Equal(ContributionDueAt, tax.ContributionDue!.At);
        Assert.True(tax.OwesContribution);
        Assert.Equal(new LadderSchedule(Beijing(2026, 3, 5, 0), ContributionDueAt, Beijing(2026, 3, 11, 0), Beijing(2026, 3, 20, 0)), tax.ContributionLadder);
        Assert.Null(lead.ContributionDue);
        Assert.False(lead.OwesContribution);
    }

    [Fact]
    public void Route_UrgentTicket_ContributionDueNoLaterThanTheLeadsDeadline()
    {
        var scenario = new TicketScenario();
        scenario.Given(Submit(urgent: true), Monday);

        Assert.Equal(scenario.State.Clock!.Due, scenario.State.Department(Tax)!.ContributionDue);
    }

    [Fact]
    public void Contribute_AfterSigningIn_RecordedOnTimeAndItsTimersGone()
    {
        var scenario = InStatus(TicketStatus.InProgress);
        scenario.Given(new CheckIn(TaxStaff, Tax), Monday.AddHours(1));

        var events = scenario.Given(new SubmitContribution(TaxStaff, Tax, "企业纳税信用等级为A级，可享受续贷贴息"), Monday.AddHours(2));

        var contributed = Assert.IsType<CoHandlerContributed>(Assert.Single(events));
        Assert.True(contributed.OnTime);
        Assert.Equal(Tax, contributed.DepartmentId);
        Assert.False(scenario.State.Department(Tax)!.OwesContribution);
        Assert.DoesNotContain(TicketDecider.Timers(scenario.State), t => t.Kind is TimerKind.ContributionReminder or TimerKind.ContributionDue or TimerKind.ContributionRedCard);
    }

    [Fact]
    public void Contribute_AfterItsDeadline_TakenAndMarkedLate()
    {
        var scenario = InStatus(TicketStatus.InProgress);
        scenario.Given(new CheckIn(TaxStaff, Tax), Monday.AddHours(1));

        var events = scenario.Given(new SubmitContribution(TaxStaff, Tax, "迟到的协办意见"), Beijing(2026, 3, 6, 9));

        Assert.False(Assert.IsType<CoHandlerContributed>(Assert.Single(events)).OnTime);
        Assert.False(scenario.State.Department(Tax)!.ContributedOnTime);
    }

    [Theory]
    [InlineData(false, TaxOfficer, Tax, "意见", RejectionCodes.SignInRequired)]
    [InlineData(true, FinanceOfficerA, Finance, "意见", RejectionCodes.NotACoHandler)]
    [InlineData(true, LandOfficer, Tax, "意见", RejectionCodes.NotAuthorized)]
    [InlineData(true, TaxOfficer, Land, "意见", RejectionCodes.NotAHandlingDepartment)]
    [InlineData(true, TaxOfficer, Tax, "  ", RejectionCodes.InvalidArgument)]
    public void Contribute_Refused(bool signedIn, string by, string department, string text, string code)
    {
        var scenario = InStatus(TicketStatus.InProgress);
        if (signedIn)
        {
            scenario.Given(new CheckIn(TaxStaff, Tax), Monday.AddHours(1));
        }

        var decision = scenario.Decide(new SubmitContribution(Actor.Staff(by), department, text), Monday.AddHours(2));

        Assert.Equal(code, decision.Rejection?.Code);
    }

    [Fact]
    public void Contribute_Twice_AlreadyContributed()
    {
        var scenario = InStatus(TicketStatus.InProgress);
        scenario.CoHandlerContributes(Monday.AddHours(1));

        Assert.Equal(RejectionCodes.AlreadyContributed, scenario.Decide(new SubmitContribution(TaxStaff, Tax, "补充"), Monday.AddHours(3)).Rejection?.Code);
    }

    [Fact]
    public void Reply_BeforeTheCoHandlersDeadlineWithoutItsPart_Waits()
    {
        var decision = InStatus(TicketStatus.InProgress).Decide(new Reply(Officer, "已协调", true), Monday.AddHours(3));

        Assert.Equal(RejectionCodes.ContributionsPending, decision.Rejection?.Code);
        Assert.Contains(Tax, decision.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("协办", decision.Rejection.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_WithTheContribution_IncludesIt()
    {
        var scenario = InStatus(TicketStatus.InProgress);
        scenario.CoHandlerContributes(Monday.AddHours(1));

        var replied = Assert.IsType<TicketReplied>(Assert.Single(scenario.Given(new Reply(Officer, "已协调", true), Monday.AddHours(3))));

        Assert.Equal([Tax], replied.Contributions!);
        Assert.Empty(replied.MissingContributions!);
    }

    [Fact]
    public void Reply_AfterTheCoHandlersDeadlinePassedWithoutItsPart_AllowedAndRecordsWhatIsMissing()
    {
        var scenario = InStatus(TicketStatus.InProgress);

        var replied = Assert.IsType<TicketReplied>(Assert.Single(scenario.Given(new Reply(Officer, "主办部门先行答复", true), Beijing(2026, 3, 6, 9))));

        Assert.Empty(replied.Contributions!);
        Assert.Equal([Tax], replied.MissingContributions!);
        // Replied: the co-handler's clock stops with the lead's.
        Assert.DoesNotContain(TicketDecider.Timers(scenario.State), t => t.Kind == TimerKind.ContributionRedCard);
    }

    [Fact]
    public void Ladder_ContributionDeadlinePasses_HeadsAndLeadOfficerToldThenSupervisorsAtRed()
    {
        var scenario = InStatus(TicketStatus.InProgress);

        var reminder = Raise(scenario, TimerKind.ContributionReminder);
        var overdue = Raise(scenario, TimerKind.ContributionDue);
        var red = Raise(scenario, TimerKind.ContributionRedCard);

        Assert.Equal((EscalationRung.ContributionReminder, Tax), (reminder.Rung, reminder.DepartmentId));
        Assert.Equal([TaxOfficer, TaxHead], reminder.Recipients.Order(StringComparer.Ordinal));
        Assert.Equal((EscalationRung.ContributionOverdue, Tax), (overdue.Rung, overdue.DepartmentId));
        Assert.Equal([TaxHead, FinanceOfficerA], overdue.Recipients);
        Assert.Equal(EscalationRung.ContributionRedCard, red.Rung);
        Assert.Equal([Supervisor], red.Recipients);
        Assert.Equal(3, red.WorkingDaysOverdue);
        var tax = scenario.State.Department(Tax)!;
        Assert.True(tax.ContributionReminderRaised && tax.ContributionOverdueRaised && tax.ContributionRedCardRaised);
        // The lead's own ladder is untouched by the co-handler's.
        Assert.Empty(scenario.State.RungsReached);
        Assert.DoesNotContain(TicketDecider.Timers(scenario.State), t => t.Kind is TimerKind.ContributionReminder or TimerKind.ContributionDue or TimerKind.ContributionRedCard);
    }

    [Fact]
    public void Contact_ByTheCoHandler_RecordedForItAndNotTheTicketsResponse()
    {
        var scenario = InStatus(TicketStatus.InProgress);

        var contacted = Assert.IsType<EnterpriseContacted>(Assert.Single(scenario.Given(new RecordContact(TaxStaff, "电话核实纳税情况"), Monday.AddHours(1))));

        Assert.Equal(Tax, contacted.DepartmentId);
        Assert.False(contacted.First);
        Assert.Null(scenario.State.FirstContactAt);
        var lead = Assert.IsType<EnterpriseContacted>(Assert.Single(scenario.Given(new RecordContact(Officer, "电话联系企业"), Monday.AddHours(2))));
        Assert.True(lead.First);
        Assert.Equal(Monday.AddHours(2), scenario.State.FirstContactAt);
    }

    [Fact]
    public void Contact_ByStaffOfNoHandlingDepartment_Refused()
    {
        Assert.Equal(RejectionCodes.NotAuthorized, InStatus(TicketStatus.InProgress).Decide(new RecordContact(Actor.Staff(LandOfficer), "联系"), Monday.AddHours(1)).Rejection?.Code);
    }

    [Fact]
    public void Notify_Contribution_TheLeadsOfficer()
    {
        var scenario = InStatus(TicketStatus.InProgress);
        scenario.Given(new CheckIn(TaxStaff, Tax), Monday.AddHours(1));
        var before = scenario.State;

        var contributed = scenario.Given(new SubmitContribution(TaxStaff, Tax, "意见"), Monday.AddHours(2)).Single();
        var intent = TicketNotifications.Of(before, contributed, scenario.Context.Directory, scenario.Context.Calendar, scenario.Context.Policies.Ladder);

        Assert.Equal(Kinds.CoHandlerContributed, intent!.Kind);
        Assert.Equal([FinanceOfficerA], intent.Recipients);
    }

    [Fact]
    public void ReRoute_NewRound_CoHandlersStartAfresh()
    {
        var scenario = InStatus(TicketStatus.InProgress);
        scenario.CoHandlerContributes(Monday.AddHours(1));
        scenario.Given(new EscalateTicket(Actor.Staff(Supervisor), "提级协调"), Monday.AddHours(2));

        scenario.Given(new RouteTicket(Actor.Staff(HqLeader), Land, ValueList.Of(Tax)), Beijing(2026, 3, 3, 10));

        var tax = scenario.State.Department(Tax)!;
        Assert.Null(tax.ContributedAt);
        Assert.True(tax.OwesContribution);
        Assert.Equal(Beijing(2026, 3, 7, 0), tax.ContributionDue!.At);
    }

    /// <summary>Fires the co-handler's timer of <paramref name="kind"/> at its instant and returns the rung it raised.</summary>
    private static EscalationRaised Raise(TicketScenario scenario, TimerKind kind)
    {
        var timer = TicketDecider.Timers(scenario.State).Single(t => t.Kind == kind && t.Key == Tax);
        return Assert.IsType<EscalationRaised>(Assert.Single(scenario.Given(new TimerElapsed(Actor.System, kind, timer.DueAt, Tax), timer.DueAt)));
    }
}
