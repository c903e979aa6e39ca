using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Routing;
using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;
using static Assist.Domain.Tests.Support.TestData;

namespace Assist.Domain.Tests.Tickets;

public sealed class TicketDeciderTests
{
    private static readonly DateTimeOffset Monday = TicketScenario.Monday;
    private static readonly Actor Officer = TicketScenario.Officer;
    private static readonly Actor SupervisorActor = Actor.Staff(Supervisor);

    [Fact]
    public void Decide_SubmitFinanceForm_RoutedToLeadAndCoHandlerWithOfficerAssigned()
    {
        var scenario = new TicketScenario();

        var events = scenario.Given(TicketScenario.Submit(), Monday);

        Assert.Collection(
            events,
            e => Assert.IsType<TicketSubmitted>(e),
            e =>
            {
                var routed = Assert.IsType<TicketRouted>(e);
                Assert.Equal(Finance, routed.LeadDepartmentId);
                Assert.Equal([(Finance, DepartmentRole.Lead), (Tax, DepartmentRole.CoHandler)], routed.Departments.Select(d => (d.DepartmentId, d.Role)));
                Assert.Equal(new DateOnly(2026, 3, 11), routed.Clock.Due.DueDate); // 求助: 7 working days
                Assert.Equal(new DateOnly(2026, 3, 3), routed.Departments[0].SignInDue.DueDate);
                Assert.Equal("r-finance", routed.RuleId);
            },
            e => Assert.Equal(new OfficerAssigned("t-1", Actor.System, Monday, Finance, FinanceOfficerA, AssignmentReason.FewestOpenTickets, null, null), e));
        Assert.Equal(TicketStatus.Routed, scenario.State.Status);
        Assert.Equal(3, scenario.State.Version);
    }

    [Theory]
    [InlineData("Consultation", "2026-03-04")]
    [InlineData("Suggestion", "2026-03-11")]
    [InlineData("Report", "2026-03-23")]
    public void Decide_SubmitByType_ResolutionLimitFromPolicy(string type, string due)
    {
        var scenario = new TicketScenario();

        scenario.Given(TicketScenario.Submit(type: type), Monday);

        Assert.Equal(due, scenario.State.Clock!.Due.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Decide_SubmitUrgent_DueSameDayAndSignInWithinTwoWorkingHours()
    {
        var scenario = new TicketScenario();

        scenario.Given(TicketScenario.Submit(urgent: true), Beijing(2026, 3, 2, 11));

        Assert.Equal(new DateOnly(2026, 3, 2), scenario.State.Clock!.Due.DueDate);
        Assert.Equal(Beijing(2026, 3, 2, 15), scenario.State.Departments[0].SignInDue.At);
    }

    [Fact]
    public void Decide_SubmitInvalidForm_RejectedWithFieldErrors()
    {
        var command = TicketScenario.Submit() with { Form = Form() with { CreditCode = "9144030071526726xg", Mobile = "123" } };

        var decision = new TicketScenario().Decide(command, Monday);

        Assert.Equal(RejectionCodes.ValidationFailed, decision.Rejection?.Code);
        Assert.Equal(["creditCode", "mobile"], decision.Rejection!.Errors!.Fields);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_SubmitOtherTopic_WaitsForHqOfficeToRoute()
    {
        var scenario = new TicketScenario();

        var events = scenario.Given(TicketScenario.Submit(topic: "OTHER"), Monday);
        var again = scenario.Decide(new RouteByRules(Actor.System), Monday.AddMinutes(1));

        Assert.IsType<TicketSubmitted>(events[0]);
        var asked = Assert.IsType<ManualRoutingRequired>(Assert.Single(events.Skip(1)));
        Assert.Equal([TestData.HqClerk], asked.Recipients);
        Assert.Equal(Monday, asked.NotifyAt);
        Assert.Equal(TicketStatus.Submitted, scenario.State.Status);
        Assert.True(scenario.State.AwaitingManualRouting);
        Assert.Empty(TicketDecider.Timers(scenario.State));
        // The routing step runs again after a retry or a restart: the HQ office is asked once.
        Assert.True(again.IsAccepted);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Decide_ManualRouteAfterNoRule_RoutesAndEndsTheWait()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(topic: "OTHER"), Monday);

        scenario.Given(new RouteTicket(Actor.Staff(TestData.HqClerk), TestData.Finance, ValueList.Empty<string>()), Monday.AddHours(1));

        Assert.Equal(TicketStatus.Routed, scenario.State.Status);
        Assert.False(scenario.State.AwaitingManualRouting);
    }

    [Fact]
    public void Decide_SubmitAlone_RecordsTheSubmissionOnlyAndRoutingByTheRulesFollowsOnce()
    {
        var scenario = new TicketScenario();

        var submitted = scenario.Decide(TicketScenario.Submit(), Monday);
        var state = submitted.Events.Aggregate(TicketState.Initial, TicketDecider.Evolve);
        var routed = TicketDecider.Decide(state, new RouteByRules(Actor.System), Monday.AddSeconds(2), scenario.Context);
        var afterRouting = routed.Events.Aggregate(state, TicketDecider.Evolve);
        var again = TicketDecider.Decide(afterRouting, new RouteByRules(Actor.System), Monday.AddSeconds(3), scenario.Context);

        Assert.IsType<TicketSubmitted>(Assert.Single(submitted.Events));
        Assert.Equal(TicketStatus.Submitted, state.Status);
        Assert.Empty(TicketDecider.Timers(state));
        Assert.Contains(routed.Events, e => e is TicketRouted { LeadDepartmentId: Finance });
        Assert.Contains(routed.Events, e => e is OfficerAssigned);
        Assert.All(routed.Events, e => Assert.Equal(Monday.AddSeconds(2), e.At));
        Assert.True(again.IsAccepted);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Decide_RouteByRulesAsAPerson_Forbidden()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Submitted);

        var decision = scenario.Decide(new RouteByRules(Actor.Staff(HqClerk)), Monday);

        Assert.Equal(RejectionCodes.NotAuthorized, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_RouteByRulesAfterTheHqOfficeRoutedByHand_LeavesTheTicketAsItIs()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Submitted);
        scenario.Given(new RouteTicket(Actor.Staff(HqClerk), Land, ValueList.Of(Tax)), Monday.AddHours(1));

        var decision = scenario.Decide(new RouteByRules(Actor.System), Monday.AddHours(2));

        Assert.True(decision.IsAccepted);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_RouteByHqOfficeClerk_RoutedWithClocks()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Submitted);

        var events = scenario.Given(new RouteTicket(Actor.Staff(HqClerk), Land, ValueList.Of(Tax)), Monday.AddHours(1));

        Assert.Equal(Land, Assert.IsType<TicketRouted>(events[0]).LeadDepartmentId);
        Assert.Equal(LandOfficer, scenario.State.OfficerId);
    }

    [Fact]
    public void Evolve_RoutedByHandThenByTheRules_RemembersOnlyWhoRoutedByHand()
    {
        var byHand = TicketScenario.InStatus(TicketStatus.Submitted);
        byHand.Given(new RouteTicket(Actor.Staff(HqClerk), Land, ValueList.Of(Tax)), Monday.AddHours(1));
        var byRules = TicketScenario.InStatus(TicketStatus.Routed);

        Assert.Equal([HqClerk], byHand.State.HandRoutedBy);
        Assert.Empty(byRules.State.HandRoutedBy);
    }

    [Fact]
    public void Decide_RouteByDepartmentOfficer_NotAuthorized()
    {
        var decision = TicketScenario.InStatus(TicketStatus.Submitted).Decide(new RouteTicket(Officer, Land, TicketScenario.None), Monday);

        Assert.Equal(RejectionCodes.NotAuthorized, decision.Rejection?.Code);
    }

    [Theory]
    [InlineData("dept-unknown", "", RejectionCodes.UnknownDepartment)]
    [InlineData(Land, Land, RejectionCodes.InvalidArgument)]
    public void Decide_RouteToBadDepartments_Rejected(string lead, string coHandler, string code)
    {
        var coHandlers = coHandler.Length == 0 ? TicketScenario.None : ValueList.Of(coHandler);

        var decision = TicketScenario.InStatus(TicketStatus.Submitted).Decide(new RouteTicket(Actor.Staff(HqClerk), lead, coHandlers), Monday);

        Assert.Equal(code, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_LeadSignsInOnTime_InProgressAndRecordedOnTime()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Routed);

        var events = scenario.Given(new CheckIn(Officer, Finance), Monday.AddHours(2));

        Assert.True(Assert.IsType<DepartmentSignedIn>(Assert.Single(events)).OnTime);
        Assert.Equal(TicketStatus.InProgress, scenario.State.Status);
    }

    [Fact]
    public void Decide_CoHandlerSignsInLate_StatusUnchangedAndRecordedLate()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Routed);

        var events = scenario.Given(new CheckIn(Actor.Staff(TaxOfficer), Tax), Beijing(2026, 3, 4, 9));

        Assert.False(Assert.IsType<DepartmentSignedIn>(Assert.Single(events)).OnTime);
        Assert.Equal(TicketStatus.Routed, scenario.State.Status);
    }

    [Fact]
    public void Decide_SignInTwice_AlreadySignedIn()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new CheckIn(Officer, Finance), Monday.AddHours(3));

        Assert.Equal(RejectionCodes.AlreadySignedIn, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_SignInForAnotherDepartment_NotAuthorized()
    {
        var decision = TicketScenario.InStatus(TicketStatus.Routed).Decide(new CheckIn(Officer, Tax), Monday.AddHours(1));

        Assert.Equal(RejectionCodes.NotAuthorized, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_SignInForDepartmentNotHandling_Rejected()
    {
        var decision = TicketScenario.InStatus(TicketStatus.Routed).Decide(new CheckIn(Actor.Staff(LandOfficer), Land), Monday.AddHours(1));

        Assert.Equal(RejectionCodes.NotAHandlingDepartment, decision.Rejection?.Code);
    }

    [Fact]
    public void Timers_AfterRouting_SignInPerDepartmentAndTheLadder()
    {
        var timers = TicketDecider.Timers(TicketScenario.InStatus(TicketStatus.Routed).State);

        Assert.Equal(
            [
                new TicketTimer(TimerKind.SignInDue, Beijing(2026, 3, 4, 0), Finance),
                new TicketTimer(TimerKind.SignInDue, Beijing(2026, 3, 4, 0), Tax),
                new TicketTimer(TimerKind.BlueReminder, Beijing(2026, 3, 11, 0)),
                new TicketTimer(TimerKind.YellowCard, Beijing(2026, 3, 12, 0)),
                new TicketTimer(TimerKind.RedCard, Beijing(2026, 3, 17, 0)),
                new TicketTimer(TimerKind.HqEscalation, Beijing(2026, 3, 26, 0)),
                // 协办: the co-handler's own contribution clock, 3 working days (due by the end of Thursday), and its ladder.
                new TicketTimer(TimerKind.ContributionReminder, Beijing(2026, 3, 5, 0), Tax),
                new TicketTimer(TimerKind.ContributionDue, Beijing(2026, 3, 6, 0), Tax),
                new TicketTimer(TimerKind.ContributionRedCard, Beijing(2026, 3, 11, 0), Tax),
            ],
            timers);
    }

    [Fact]
    public void Decide_SignInTimerElapsed_DepartmentHeadWarnedInOfficeHoursOnce()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);
        var elapsed = new TimerElapsed(Actor.System, TimerKind.SignInDue, Beijing(2026, 3, 4, 0), Tax);

        var events = scenario.Given(elapsed, Beijing(2026, 3, 4, 0, 1));

        var raised = Assert.IsType<EscalationRaised>(Assert.Single(events));
        Assert.Equal(EscalationRung.SignInOverdue, raised.Rung);
        Assert.Equal(Tax, raised.DepartmentId);
        Assert.Equal([TaxHead], raised.Recipients);
        Assert.Equal(Beijing(2026, 3, 4, 8, 30), raised.NotifyAt);
        Assert.Empty(scenario.Given(elapsed, Beijing(2026, 3, 4, 0, 2)));
    }

    [Fact]
    public void Decide_TimerNoLongerHeld_IgnoredWithoutEvents()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var decision = scenario.Decide(new TimerElapsed(Actor.System, TimerKind.SignInDue, Beijing(2026, 3, 4, 0), Finance), Beijing(2026, 3, 4, 1));

        Assert.True(decision.IsAccepted);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_TimerWithStaleDueTime_Ignored()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(
            new TimerElapsed(Actor.System, TimerKind.YellowCard, Beijing(2026, 3, 10, 0)), Beijing(2026, 3, 12, 1));

        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_TimerBeforeItsTime_Ignored()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(
            new TimerElapsed(Actor.System, TimerKind.YellowCard, Beijing(2026, 3, 12, 0)), Beijing(2026, 3, 11, 23));

        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_BlueReminder_ToOfficerNextMorning()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var events = scenario.Given(new TimerElapsed(Actor.System, TimerKind.BlueReminder, Beijing(2026, 3, 11, 0)), Beijing(2026, 3, 11, 0, 1));

        var raised = Assert.IsType<EscalationRaised>(Assert.Single(events));
        Assert.Equal((EscalationRung.BlueReminder, FinanceOfficerA), (raised.Rung, raised.Recipients.Single()));
        Assert.Equal(Beijing(2026, 3, 11, 8, 30), raised.NotifyAt);
        Assert.DoesNotContain(TicketDecider.Timers(scenario.State), t => t.Kind == TimerKind.BlueReminder);
    }

    [Fact]
    public void Decide_YellowCardAtDue_ToDepartmentHead()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var events = scenario.Given(new TimerElapsed(Actor.System, TimerKind.YellowCard, Beijing(2026, 3, 12, 0)), Beijing(2026, 3, 12, 0, 1));

        var raised = Assert.IsType<EscalationRaised>(Assert.Single(events));
        Assert.Equal((EscalationRung.YellowCard, FinanceHead, 0), (raised.Rung, raised.Recipients.Single(), raised.WorkingDaysOverdue));
    }

    [Fact]
    public void Decide_RedCardThreeWorkingDaysOverdue_ToSupervisorsWithDaysOverdue()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var events = scenario.Given(new TimerElapsed(Actor.System, TimerKind.RedCard, Beijing(2026, 3, 17, 0)), Beijing(2026, 3, 17, 0, 5));

        var raised = Assert.IsType<EscalationRaised>(Assert.Single(events));
        Assert.Equal((EscalationRung.RedCard, Supervisor, 3), (raised.Rung, raised.Recipients.Single(), raised.WorkingDaysOverdue));
    }

    [Fact]
    public void Decide_HqEscalationTimer_EscalatedToHqLeadersAndSupervisors()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var events = scenario.Given(new TimerElapsed(Actor.System, TimerKind.HqEscalation, Beijing(2026, 3, 26, 0)), Beijing(2026, 3, 26, 0, 5));

        var escalated = Assert.IsType<TicketEscalatedToHq>(Assert.Single(events));
        Assert.Equal(EscalationTrigger.Overdue, escalated.Trigger);
        Assert.Equal([HqLeader, Supervisor], escalated.Recipients);
        Assert.True(scenario.State.EscalatedToHq);
        Assert.DoesNotContain(TicketDecider.Timers(scenario.State), t => t.Kind == TimerKind.HqEscalation);
    }

    [Fact]
    public void Decide_UrgentTicketRung_NotifiedAtOnceEvenAtNight()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(urgent: true), Beijing(2026, 3, 2, 9));
        var yellow = TicketDecider.Timers(scenario.State).Single(t => t.Kind == TimerKind.YellowCard);

        var events = scenario.Given(new TimerElapsed(Actor.System, TimerKind.YellowCard, yellow.DueAt), yellow.DueAt.AddMinutes(1));

        Assert.Equal(yellow.DueAt.AddMinutes(1), Assert.IsType<EscalationRaised>(Assert.Single(events)).NotifyAt);
    }

    [Fact]
    public void Decide_RequestInformation_PausesClockAndLadder()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.AwaitingInformation);

        Assert.DoesNotContain(TicketDecider.Timers(scenario.State), t => t.Kind is TimerKind.YellowCard or TimerKind.BlueReminder or TimerKind.RedCard);
        Assert.Equal(Monday.AddHours(1), scenario.State.PausedAt);
    }

    [Fact]
    public void Decide_ProvideInformationAfterTwoWorkingDays_DeadlineMovesTwoWorkingDays()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.AwaitingInformation); // paused Monday 11:00

        var events = scenario.Given(new ProvideInformation(Enterprise, "合同已上传", ValueList.Empty<AttachmentRef>()), Beijing(2026, 3, 4, 11));

        var provided = Assert.IsType<InformationProvided>(Assert.Single(events));
        Assert.Equal(TimeSpan.FromHours(14), provided.PausedWorkingTime);
        Assert.Equal(new DateOnly(2026, 3, 13), scenario.State.Clock!.Due.DueDate);
        Assert.Equal(TicketStatus.InProgress, scenario.State.Status);
        Assert.Contains(new TicketTimer(TimerKind.YellowCard, Beijing(2026, 3, 14, 0)), TicketDecider.Timers(scenario.State));
    }

    [Fact]
    public void Decide_ProvideInformationIssueSpringFestivalPause_DeadlineMovesByExactPausedWorkingTime()
    {
        // Issue 16: 求助 (7 working days) received Wed 2026-02-11 → due Fri 2026-02-27 (02-12, 02-13, Sat 02-14
        // make-up, holiday 02-15..02-23, 02-24..02-27). Paused Thu 02-12 09:03 → Sat 02-14 10:01: 6:27 + 7:00 + 1:31
        // = 14:58 of office time. Counted on from Fri 02-27 17:30: Sat 02-28 (make-up) 7:00, Mon 03-02 7:00,
        // Tue 03-03 08:30 + 0:58 = 09:28 — not the end of Tue 03-03 that crediting 3 whole days gave.
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), Beijing(2026, 2, 11)).SignInLead(scenario, Beijing(2026, 2, 11));
        Assert.Equal(new DateOnly(2026, 2, 27), scenario.State.Clock!.Due.DueDate);
        scenario.Given(new RequestInformation(Officer, "请提供贷款合同"), Beijing(2026, 2, 12, 9, 3));

        var events = scenario.Given(new ProvideInformation(Enterprise, "合同已上传", ValueList.Empty<AttachmentRef>()), Beijing(2026, 2, 14, 10, 1));

        var provided = Assert.IsType<InformationProvided>(Assert.Single(events));
        Assert.Equal(new TimeSpan(14, 58, 0), provided.PausedWorkingTime);
        Assert.Equal(Beijing(2026, 3, 3, 9, 28), scenario.State.Clock!.Due.At);
        Assert.Equal(new DateOnly(2026, 3, 3), scenario.State.Clock.Due.DueDate);
        Assert.Contains(new TicketTimer(TimerKind.YellowCard, Beijing(2026, 3, 3, 9, 28)), TicketDecider.Timers(scenario.State));
        Assert.Contains(new TicketTimer(TimerKind.BlueReminder, Beijing(2026, 3, 3, 0)), TicketDecider.Timers(scenario.State)); // end of the working day before
    }

    [Fact]
    public void Decide_ProvideInformationPausedOnlyOutsideOfficeHours_DeadlineUnchanged()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress); // due Wed 2026-03-11 24:00
        var before = scenario.State.Clock!.Due;
        scenario.Given(new RequestInformation(Officer, "请提供贷款合同"), Beijing(2026, 3, 6, 18)); // Fri after hours

        var events = scenario.Given(new ProvideInformation(Enterprise, "合同已上传", ValueList.Empty<AttachmentRef>()), Beijing(2026, 3, 9, 8)); // Mon before hours

        Assert.Equal(TimeSpan.Zero, Assert.IsType<InformationProvided>(Assert.Single(events)).PausedWorkingTime);
        Assert.Equal(before, scenario.State.Clock!.Due);
    }

    [Fact]
    public void Decide_ProvideInformationAfterOriginalDeadline_KeepsTheWorkingTimeLeftAtThePause()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress); // due Wed 2026-03-11 24:00
        // Paused Wed 03-11 16:00 with 1:30 of office time left; resumed Fri 03-13 10:00, after the old deadline.
        scenario.Given(new RequestInformation(Officer, "请提供贷款合同"), Beijing(2026, 3, 11, 16));

        var events = scenario.Given(new ProvideInformation(Enterprise, "合同已上传", ValueList.Empty<AttachmentRef>()), Beijing(2026, 3, 13, 10));

        // Paused 1:30 + 7:00 + 1:30 = 10:00; from Wed 17:30: Thu 7:00, Fri 08:30 + 3:00 = 11:30 = resumption + the 1:30 left.
        Assert.Equal(TimeSpan.FromHours(10), Assert.IsType<InformationProvided>(Assert.Single(events)).PausedWorkingTime);
        Assert.Equal(Beijing(2026, 3, 13, 11, 30), scenario.State.Clock!.Due.At);
        Assert.Equal(0, scenario.Context.Calendar.WorkingDaysOverdue(scenario.State.Clock.Due, Beijing(2026, 3, 13, 10)));
    }

    [Fact]
    public void Decide_ProvideInformationAfterSeveralPauses_CreditsTheirSum()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress); // due Wed 2026-03-11 24:00
        var document = ValueList.Empty<AttachmentRef>();
        scenario.Given(new RequestInformation(Officer, "请提供贷款合同"), Beijing(2026, 3, 2, 11));
        scenario.Given(new ProvideInformation(Enterprise, "合同已上传", document), Beijing(2026, 3, 2, 14, 30)); // 1:00 + 0:30
        scenario.Given(new RequestInformation(Officer, "请提供担保材料"), Beijing(2026, 3, 3, 16));
        scenario.Given(new ProvideInformation(Enterprise, "担保材料已上传", document), Beijing(2026, 3, 4, 9, 30)); // 1:30 + 1:00

        // 4:00 in all, from Wed 03-11 17:30: Thu 03-12 08:30–12:00 (3:30), 14:00 + 0:30 = 14:30.
        Assert.Equal(TimeSpan.FromHours(4), scenario.State.TotalPausedWorkingTime);
        Assert.Equal(Beijing(2026, 3, 12, 14, 30), scenario.State.Clock!.Due.At);
    }

    [Fact]
    public void Decide_ProvideInformationOnUrgentSameDayTicket_DeadlineMovesIntoNextWorkingDay()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(urgent: true), Monday).SignInLead(scenario, Monday); // due Mon 03-02 24:00
        scenario.Given(new RequestInformation(Officer, "请提供贷款合同"), Beijing(2026, 3, 2, 11));

        scenario.Given(new ProvideInformation(Enterprise, "合同已上传", ValueList.Empty<AttachmentRef>()), Beijing(2026, 3, 2, 15)); // 1:00 + 1:00

        // 2:00 from Mon 17:30: Tue 03-03 08:30 + 2:00 = 10:30.
        Assert.Equal(Beijing(2026, 3, 3, 10, 30), scenario.State.Clock!.Due.At);
    }

    [Fact]
    public void Decide_ProvideInformationByStaff_NotAuthorized()
    {
        var decision = TicketScenario.InStatus(TicketStatus.AwaitingInformation).Decide(
            new ProvideInformation(Officer, "代为补充", ValueList.Empty<AttachmentRef>()), Monday.AddHours(2));

        Assert.Equal(RejectionCodes.NotAuthorized, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_FirstContact_RecordedAsFirstOnce()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var first = Assert.IsType<EnterpriseContacted>(scenario.Given(new RecordContact(Officer, "电话联系"), Monday.AddHours(2)).Single());
        var second = Assert.IsType<EnterpriseContacted>(scenario.Given(new RecordContact(Officer, "上门走访"), Monday.AddHours(5)).Single());

        Assert.True(first.First);
        Assert.False(second.First);
        Assert.Equal(Monday.AddHours(2), scenario.State.FirstContactAt);
    }

    [Fact]
    public void Decide_ProgressByCoHandler_RecordedForItsDepartment()
    {
        var events = TicketScenario.InStatus(TicketStatus.InProgress).Given(new RecordProgress(Actor.Staff(TaxOfficer), "已核实税费政策"), Monday.AddHours(2));

        Assert.Equal(Tax, Assert.IsType<ProgressRecorded>(Assert.Single(events)).DepartmentId);
    }

    [Fact]
    public void Decide_ReplyWithEmptyAnswer_InvalidArgumentInBothLanguages()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new Reply(Officer, "  ", true), Monday.AddHours(2));

        Assert.Equal(RejectionCodes.InvalidArgument, decision.Rejection?.Code);
        Assert.Equal("请填写答复内容。", decision.Rejection!.ReasonZh);
    }

    [Fact]
    public void Decide_ReplyByOutsider_NotAuthorized()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new Reply(Actor.Staff(LandOfficer), "答复", true), Monday.AddHours(2));

        Assert.Equal(RejectionCodes.NotAuthorized, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_Reply_AwaitsConfirmationWithinWindow()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Replied);

        var replied = scenario.Events.OfType<TicketReplied>().Single();
        Assert.True(replied.OnTime);
        Assert.Equal(new DateOnly(2026, 3, 9), replied.ConfirmationDue.DueDate);
        Assert.Equal([new TicketTimer(TimerKind.ConfirmationWindow, Beijing(2026, 3, 10, 0))], TicketDecider.Timers(scenario.State));
    }

    [Fact]
    public void Decide_ConfirmWithRating_ClosedWithRating()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Replied);

        scenario.Given(new Confirm(Enterprise, SatisfactionRating.BasicallySatisfied, "基本解决"), Monday.AddDays(1));

        Assert.Equal(TicketStatus.Closed, scenario.State.Status);
        Assert.Equal(new Closure(ClosureKind.Confirmed, SatisfactionRating.BasicallySatisfied, Monday.AddDays(1)), scenario.State.Closure);
        Assert.Empty(TicketDecider.Timers(scenario.State));
    }

    [Fact]
    public void Decide_ConfirmWithUndefinedRating_Rejected()
    {
        var decision = TicketScenario.InStatus(TicketStatus.Replied).Decide(new Confirm(Enterprise, (SatisfactionRating)9, null), Monday.AddDays(1));

        Assert.Equal(RejectionCodes.InvalidArgument, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_NoAnswerWithinConfirmationWindow_ClosedUnrated()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Replied);

        scenario.Given(new TimerElapsed(Actor.System, TimerKind.ConfirmationWindow, Beijing(2026, 3, 10, 0)), Beijing(2026, 3, 10, 0, 1));

        Assert.Equal(new Closure(ClosureKind.Unrated, null, Beijing(2026, 3, 10, 0, 1)), scenario.State.Closure);
    }

    [Fact]
    public void Decide_FirstRejection_ReopenedWithNewClock()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Replied);

        var events = scenario.Given(new RejectReply(Enterprise, "问题没有解决"), Beijing(2026, 3, 3, 10));

        Assert.IsType<ReplyRejected>(Assert.Single(events));
        Assert.Equal(TicketStatus.InProgress, scenario.State.Status);
        Assert.Equal(new DateOnly(2026, 3, 12), scenario.State.Clock!.Due.DueDate);
        Assert.False(scenario.State.EscalatedToHq);
    }

    [Fact]
    public void Decide_SecondRejection_ReopenedAndEscalatedToHq()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.Replied);
        scenario.Given(new RejectReply(Enterprise, "问题没有解决"), Beijing(2026, 3, 3, 10));
        scenario.Given(new Reply(Officer, "再次协调", true), Beijing(2026, 3, 4, 10));

        var events = scenario.Given(new RejectReply(Enterprise, "仍未解决"), Beijing(2026, 3, 5, 10));

        Assert.Equal(EscalationTrigger.RepeatedRejection, Assert.IsType<TicketEscalatedToHq>(events[1]).Trigger);
        Assert.Equal(2, scenario.State.ReplyRejections);
        Assert.True(scenario.State.EscalatedToHq);
    }

    [Fact]
    public void Decide_ReturnWithinWindow_WaitsForSupervisor()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.ReturnRequested);

        Assert.Equal(new PendingReturn(Finance, "属于税务事项", Monday.AddHours(1), WorkingCalendar.Default.AddWorkingDays(Monday.AddHours(1), 1), TicketStatus.Routed, false, TicketScenario.Officer.Id), scenario.State.PendingReturn);
        Assert.Contains(TicketDecider.Timers(scenario.State), t => t.Kind == TimerKind.ReturnDecisionDue);
    }

    [Fact]
    public void Decide_ReturnAfterWindow_Rejected()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new ReturnTicket(Officer, "不属于本部门"), Beijing(2026, 3, 4, 9));

        Assert.Equal(RejectionCodes.ReturnWindowClosed, decision.Rejection?.Code);
        Assert.Contains("2026-03-04 00:00", decision.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ReturnAccepted_ReroutedWithNewClockAndOfficer()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.ReturnRequested);
        var decidedAt = Beijing(2026, 3, 3, 10);

        var events = scenario.Given(new DecideReturn(SupervisorActor, Accept: true, "应由税务局主办", Tax, null), decidedAt);

        Assert.IsType<ReturnAccepted>(events[0]);
        var routed = Assert.IsType<TicketRouted>(events[1]);
        Assert.Equal((Tax, 2, decidedAt), (routed.LeadDepartmentId, routed.Round, routed.Clock.StartedAt));
        Assert.Equal(TicketStatus.Routed, scenario.State.Status);
        Assert.Equal(TaxOfficer, scenario.State.OfficerId);
        Assert.Equal((1, 0), (scenario.State.Returns, scenario.State.ImproperReturns));
    }

    [Fact]
    public void Decide_ReturnAcceptedWithoutNewDepartment_Rejected()
    {
        var decision = TicketScenario.InStatus(TicketStatus.ReturnRequested).Decide(new DecideReturn(SupervisorActor, true, "同意", null, null), Monday.AddHours(2));

        Assert.Equal(RejectionCodes.InvalidArgument, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_ReturnRefused_BackToDepartmentAsImproperReturnAndFinal()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.ReturnRequested);

        scenario.Given(new DecideReturn(SupervisorActor, Accept: false, "属于本部门职责", null, null), Monday.AddHours(2));

        Assert.Equal(TicketStatus.Routed, scenario.State.Status);
        Assert.Equal((1, 1), (scenario.State.Returns, scenario.State.ImproperReturns));
        Assert.Equal(RejectionCodes.ReturnAlreadyDecided, scenario.Decide(new ReturnTicket(Officer, "再次退单"), Monday.AddHours(3)).Rejection?.Code);
    }

    [Fact]
    public void Decide_ReturnDecisionByOfficer_NotAuthorized()
    {
        var decision = TicketScenario.InStatus(TicketStatus.ReturnRequested).Decide(new DecideReturn(Officer, false, "不同意", null, null), Monday.AddHours(2));

        Assert.Equal(RejectionCodes.NotAuthorized, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_ExtensionRequestedInTime_WaitsForSupervisor()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var events = scenario.Given(new RequestExtension(Officer, 10, "需银行总行审批"), Beijing(2026, 3, 10, 17));

        Assert.Equal(10, Assert.IsType<ExtensionRequested>(Assert.Single(events)).WorkingDays);
        Assert.Contains(TicketDecider.Timers(scenario.State), t => t.Kind == TimerKind.ExtensionDecisionDue);
    }

    [Fact]
    public void Decide_ExtensionRequestedOnDueDay_TooLate()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new RequestExtension(Officer, 5, "需审批"), Beijing(2026, 3, 11, 9));

        Assert.Equal(RejectionCodes.ExtensionTooLate, decision.Rejection?.Code);
        Assert.Contains("2026-03-11", decision.Rejection!.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ExtensionOverPerRequestCap_Rejected()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new RequestExtension(Officer, 16, "需审批"), Monday.AddHours(3));

        Assert.Equal(RejectionCodes.ExtensionCapExceeded, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_ExtensionApproved_NewDueDateForEnterpriseAndLadderRestarts()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);
        scenario.Given(new TimerElapsed(Actor.System, TimerKind.BlueReminder, Beijing(2026, 3, 11, 0)), Beijing(2026, 3, 11, 0, 1));
        scenario.Given(new RequestExtension(Officer, 10, "需银行总行审批"), Beijing(2026, 3, 10, 17));

        var events = scenario.Given(new DecideExtension(SupervisorActor, Approve: true, "同意延期", null), Beijing(2026, 3, 11, 9));

        var approved = Assert.IsType<ExtensionApproved>(Assert.Single(events));
        Assert.Equal(new DateOnly(2026, 3, 25), approved.Clock.Due.DueDate);
        Assert.Equal((1, 10), (scenario.State.Extensions, scenario.State.ExtensionWorkingDays));
        Assert.Contains(new TicketTimer(TimerKind.BlueReminder, Beijing(2026, 3, 25, 0)), TicketDecider.Timers(scenario.State));
    }

    [Fact]
    public void Decide_ExtensionApprovedAfterPartialPauseCredit_KeepsTheCreditedTimeOfDay()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress); // due Wed 2026-03-11 24:00
        scenario.Given(new RequestInformation(Officer, "请提供贷款合同"), Beijing(2026, 3, 2, 11));
        scenario.Given(new ProvideInformation(Enterprise, "合同已上传", ValueList.Empty<AttachmentRef>()), Beijing(2026, 3, 2, 12)); // 1:00
        Assert.Equal(Beijing(2026, 3, 12, 9, 30), scenario.State.Clock!.Due.At);
        scenario.Given(new RequestExtension(Officer, 2, "需银行总行审批"), Beijing(2026, 3, 5, 10));

        scenario.Given(new DecideExtension(SupervisorActor, Approve: true, "同意延期", null), Beijing(2026, 3, 5, 11));

        // Two working days after Thu 03-12 09:30 is Mon 03-16 09:30: whole days added, the hour of credit not rounded up.
        Assert.Equal(Beijing(2026, 3, 16, 9, 30), scenario.State.Clock!.Due.At);
        Assert.Equal(new DateOnly(2026, 3, 16), scenario.State.Clock.Due.DueDate);
    }

    [Fact]
    public void Decide_ExtensionsBeyondTotalCap_Rejected()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);
        scenario.Given(new RequestExtension(Officer, 15, "一"), Monday.AddHours(2));
        scenario.Given(new DecideExtension(SupervisorActor, true, "同意", null), Monday.AddHours(3));
        scenario.Given(new RequestExtension(Officer, 15, "二"), Monday.AddHours(4));
        scenario.Given(new DecideExtension(SupervisorActor, true, "同意", null), Monday.AddHours(5));

        var decision = scenario.Decide(new RequestExtension(Officer, 1, "三"), Monday.AddHours(6));

        Assert.Equal(RejectionCodes.ExtensionCapExceeded, decision.Rejection?.Code);
        Assert.Contains("30", decision.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ExtensionDenied_DeadlineUnchanged()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);
        var due = scenario.State.Clock!.Due;
        scenario.Given(new RequestExtension(Officer, 5, "需审批"), Monday.AddHours(2));

        scenario.Given(new DecideExtension(SupervisorActor, Approve: false, "理由不充分", null), Monday.AddHours(3));

        Assert.Equal(due, scenario.State.Clock!.Due);
        Assert.Null(scenario.State.PendingExtension);
    }

    [Fact]
    public void Decide_DecideExtensionWithoutRequest_Rejected()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new DecideExtension(SupervisorActor, true, "同意", null), Monday.AddHours(2));

        Assert.Equal(RejectionCodes.NoPendingExtension, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_EscalateBySupervisor_HqNotifiedOnceOnly()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var events = scenario.Given(new EscalateTicket(SupervisorActor, "涉及多部门"), Monday.AddHours(2));

        Assert.Equal(EscalationTrigger.SupervisorOrder, Assert.IsType<TicketEscalatedToHq>(Assert.Single(events)).Trigger);
        Assert.Equal(RejectionCodes.AlreadyEscalated, scenario.Decide(new EscalateTicket(SupervisorActor, "再次"), Monday.AddHours(3)).Rejection?.Code);
    }

    [Fact]
    public void Decide_EscalateByOfficer_NotAuthorized()
    {
        Assert.Equal(RejectionCodes.NotAuthorized, TicketScenario.InStatus(TicketStatus.InProgress).Decide(new EscalateTicket(Officer, "提级"), Monday).Rejection?.Code);
    }

    [Fact]
    public void Decide_SupervisionOrder_OwnDeadlineAndOverdueWarning()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var issued = Assert.IsType<SupervisionOrderIssued>(scenario.Given(new IssueSupervisionOrder(SupervisorActor, "DB-1", null, "三日内答复", 3), Monday.AddHours(2)).Single());
        Assert.Equal(new DateOnly(2026, 3, 5), issued.Due.DueDate);
        Assert.Equal([FinanceHead, FinanceOfficerA], issued.Recipients);

        var events = scenario.Given(new TimerElapsed(Actor.System, TimerKind.SupervisionOrderDue, issued.Due.At, "DB-1"), issued.Due.At);

        var raised = Assert.IsType<EscalationRaised>(Assert.Single(events));
        Assert.Equal((EscalationRung.SupervisionOrderOverdue, "DB-1"), (raised.Rung, raised.ReferenceId));
        Assert.Equal([Supervisor, FinanceHead], raised.Recipients);
    }

    [Fact]
    public void Decide_SupervisionOrderThenReply_OrderFulfilledAndTimerGone()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);
        scenario.Given(new IssueSupervisionOrder(SupervisorActor, "DB-1", null, "三日内答复", 3), Monday.AddHours(2));
        scenario.CoHandlerContributes(Monday.AddHours(2));

        scenario.Given(new Reply(Officer, "已答复", true), Monday.AddHours(3));

        Assert.True(scenario.State.SupervisionOrders.Single().Fulfilled);
        Assert.DoesNotContain(TicketDecider.Timers(scenario.State), t => t.Kind == TimerKind.SupervisionOrderDue);
    }

    [Fact]
    public void Decide_DuplicateSupervisionOrder_Rejected()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);
        scenario.Given(new IssueSupervisionOrder(SupervisorActor, "DB-1", null, "三日内答复", 3), Monday.AddHours(2));

        Assert.Equal(RejectionCodes.DuplicateOrder, scenario.Decide(new IssueSupervisionOrder(SupervisorActor, "DB-1", null, "再次", 3), Monday.AddHours(3)).Rejection?.Code);
    }

    [Fact]
    public void Decide_ReassignByHead_NewOfficerWithPreviousRecorded()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);

        var events = scenario.Given(new ReassignOfficer(Actor.Staff(FinanceHead), FinanceOfficerB, "工作调整"), Monday.AddHours(2));

        var assigned = Assert.IsType<OfficerAssigned>(Assert.Single(events));
        Assert.Equal((FinanceOfficerB, FinanceOfficerA, AssignmentReason.Reassigned), (assigned.OfficerId, assigned.PreviousOfficerId, assigned.Reason));
        Assert.Equal(FinanceOfficerB, scenario.State.OfficerId);
    }

    [Fact]
    public void Decide_ReassignToOfficerOfAnotherDepartment_Rejected()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new ReassignOfficer(Actor.Staff(FinanceHead), LandOfficer, "调整"), Monday);

        Assert.Equal(RejectionCodes.UnknownOfficer, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_AssignWhenOfficerAlreadyOwnsTicket_Rejected()
    {
        var decision = TicketScenario.InStatus(TicketStatus.Routed).Decide(new AssignOfficer(Actor.Staff(FinanceHead), null), Monday);

        Assert.Equal(RejectionCodes.OfficerAlreadyAssigned, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_TimerSentByStaff_NotAuthorized()
    {
        var decision = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new TimerElapsed(Officer, TimerKind.YellowCard, Beijing(2026, 3, 12, 0)), Beijing(2026, 3, 12, 1));

        Assert.Equal(RejectionCodes.NotAuthorized, decision.Rejection?.Code);
    }

    [Fact]
    public void Decide_SameStateAndCommand_SameDecision()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);
        var command = new RequestExtension(Officer, 5, "需审批");

        Assert.Equal(scenario.Decide(command, Monday.AddHours(2)), scenario.Decide(command, Monday.AddHours(2)));
    }
}
