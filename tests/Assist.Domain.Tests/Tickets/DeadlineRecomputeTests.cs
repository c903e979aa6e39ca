using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;
using static Assist.Domain.Tests.Support.NewYear;
using static Assist.Domain.Tests.Support.TestData;

namespace Assist.Domain.Tests.Tickets;

/// <summary>Issue 20: loading a year's official calendar recomputes the provisional deadlines open tickets hold.</summary>
public sealed class DeadlineRecomputeTests
{
    private static readonly Actor Supervising = Actor.Staff(Supervisor);

    [Fact]
    public void Submit_LimitRunningIntoUnpublishedYear_ProvisionalOnMondayToFriday()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), Received).SignInLead(scenario, Received);

        // Seven working days from Monday 2026-12-28 on Monday–Friday: New Year's Day (a Friday) counts as a working day.
        Assert.Equal(new DateOnly(2027, 1, 6), scenario.State.Clock!.Due.DueDate);
        Assert.True(scenario.State.Clock.Due.Provisional);
    }

    [Fact]
    public void Decide_YearLoaded_MovesTheResolutionDeadlinePastTheHolidayWithItsLadder()
    {
        var scenario = AcrossNewYear();

        var recomputed = Assert.IsType<DeadlinesRecomputed>(scenario.Events[^1]);
        var expected = Loaded.Calendar.AddWorkingDays(Received, 7);
        Assert.Equal(new DateOnly(2027, 1, 7), expected.DueDate);
        Assert.Equal(expected, recomputed.Clock!.Due);
        Assert.False(recomputed.Clock.Due.Provisional);
        Assert.Equal(new DateOnly(2027, 1, 6), recomputed.PreviousDue!.DueDate);
        Assert.True(recomputed.ResolutionMoved);
        Assert.Equal([2027], recomputed.Years);
        Assert.Equal(TicketClocks.Ladder(Loaded.Calendar, Loaded.Policies.Ladder, Received, expected), recomputed.Clock.Ladder);
        Assert.Equal(expected, scenario.State.Clock!.Due);
        // The ticket now waits for the new instants: yellow at the new due, blue the working day before (2026-12-31, not New Year's Day).
        var timers = TicketDecider.Timers(scenario.State);
        Assert.Equal(expected.At, timers.Single(t => t.Kind == TimerKind.YellowCard).DueAt);
        Assert.Equal(Loaded.Calendar.EndOfDay(new DateOnly(2027, 1, 6)), timers.Single(t => t.Kind == TimerKind.BlueReminder).DueAt);
    }

    [Fact]
    public void Decide_AskedAgain_NothingTwice()
    {
        var scenario = AcrossNewYear();

        Assert.Empty(scenario.Decide(new RecomputeDeadlines(Actor.System), Received.AddHours(3)).Events);
    }

    [Fact]
    public void Decide_NothingProvisional_NoEvents()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress, Loaded);

        Assert.False(scenario.State.Clock!.Due.Provisional);
        Assert.Empty(scenario.Decide(new RecomputeDeadlines(Actor.System), TicketScenario.Monday.AddHours(5)).Events);
    }

    [Fact]
    public void Decide_YearStillUnpublished_NoEvents()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), Received).SignInLead(scenario, Received);

        Assert.Empty(scenario.Decide(new RecomputeDeadlines(Actor.System), Received.AddHours(2)).Events);
    }

    [Fact]
    public void Decide_ByStaff_Refused()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), Received);
        scenario.Context = Loaded;

        Assert.Equal(RejectionCodes.NotAuthorized, scenario.Decide(new RecomputeDeadlines(Supervising), Received.AddHours(1)).Rejection?.Code);
    }

    [Fact]
    public void Decide_PausedAndExtendedClock_SameDeadlineAsIfTheYearHadBeenKnownAllAlong()
    {
        // A complaint (15 working days) from Monday 2026-12-21: paused a day and a half for information, then extended by 3.
        static TicketScenario Run(DecisionContext context)
        {
            var at = Beijing(2026, 12, 21, 10);
            var scenario = new TicketScenario(context);
            scenario.Given(TicketScenario.Submit(type: "Complaint"), at).SignInLead(scenario, at);
            scenario.Given(new RequestInformation(TicketScenario.Officer, "请提供合同"), Beijing(2026, 12, 22, 11));
            scenario.Given(new ProvideInformation(Enterprise, "已上传", ValueList.Empty<AttachmentRef>()), Beijing(2026, 12, 23, 15));
            scenario.Given(new RequestExtension(TicketScenario.Officer, 3, "需要会商"), Beijing(2026, 12, 28, 9));
            scenario.Given(new DecideExtension(Supervising, true, "同意", null), Beijing(2026, 12, 28, 11));
            return scenario;
        }

        var provisional = Run(Context);
        var known = Run(Loaded);
        Assert.True(provisional.State.Clock!.Due.Provisional);
        Assert.Equal(new ClockAdjustments(TimeSpan.FromHours(9), 3), TicketClocks.Adjustments(provisional.State));

        provisional.Context = Loaded;
        provisional.Given(new RecomputeDeadlines(Actor.System), Beijing(2026, 12, 29, 9));

        Assert.NotEqual(known.State.Clock!.Due, Run(Context).State.Clock!.Due);
        Assert.Equal(known.State.Clock.Due, provisional.State.Clock!.Due);
        Assert.Equal(known.State.Clock.Ladder, provisional.State.Clock.Ladder);
        Assert.Equal(known.State.Clock.Due, Loaded.Calendar.Extend(Loaded.Calendar.Shift(Loaded.Calendar.AddWorkingDays(Beijing(2026, 12, 21, 10), 15), TimeSpan.FromHours(9)), 3));
    }

    [Fact]
    public void Decide_ClockStoredBeforeItsAdjustmentsAndTicketPaused_LeftProvisional()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), Received).SignInLead(scenario, Received);
        scenario.Given(new RequestInformation(TicketScenario.Officer, "请提供合同"), Received.AddHours(1));
        scenario.Given(new ProvideInformation(Enterprise, "已上传", ValueList.Empty<AttachmentRef>()), Received.AddHours(4));
        // A snapshot written before clocks recorded what moved them.
        var legacy = scenario.State with { Clock = scenario.State.Clock! with { PausedWorkingTime = null, ExtensionWorkingDays = null } };

        Assert.Null(TicketClocks.Adjustments(legacy));
        Assert.Empty(TicketDecider.Decide(legacy, new RecomputeDeadlines(Actor.System), Received.AddHours(5), Loaded).Events);
    }

    [Fact]
    public void Decide_ClockStoredBeforeItsAdjustmentsNeverMoved_Recomputed()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), Received).SignInLead(scenario, Received);
        var legacy = scenario.State with { Clock = scenario.State.Clock! with { PausedWorkingTime = null, ExtensionWorkingDays = null } };

        var recomputed = Assert.IsType<DeadlinesRecomputed>(Assert.Single(TicketDecider.Decide(legacy, new RecomputeDeadlines(Actor.System), Received.AddHours(5), Loaded).Events));

        Assert.Equal(Loaded.Calendar.AddWorkingDays(Received, 7), recomputed.Clock!.Due);
    }

    [Fact]
    public void Decide_RungReachedBeforeTheYearWasLoaded_StaysReached()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), Received).SignInLead(scenario, Received);
        var blue = TicketDecider.Timers(scenario.State).Single(t => t.Kind == TimerKind.BlueReminder);
        scenario.Given(new TimerElapsed(Actor.System, blue.Kind, blue.DueAt), blue.DueAt);
        scenario.Context = Loaded;

        scenario.Given(new RecomputeDeadlines(Actor.System), blue.DueAt.AddHours(1));

        Assert.Contains(EscalationRung.BlueReminder, scenario.State.RungsReached);
        Assert.DoesNotContain(TicketDecider.Timers(scenario.State), t => t.Kind == TimerKind.BlueReminder);
    }

    [Fact]
    public void Decide_SignInAndReturnWindowOverNewYear_Recomputed()
    {
        // Routed on Thursday 2026-12-31 at 16:00: one working day to sign in and to return is New Year's Day on Monday–Friday.
        var routedAt = Beijing(2026, 12, 31, 16);
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), routedAt);
        Assert.All(scenario.State.Departments, d => Assert.Equal(new DateOnly(2027, 1, 1), d.SignInDue.DueDate));
        scenario.Context = Loaded;

        var recomputed = Assert.IsType<DeadlinesRecomputed>(Assert.Single(scenario.Given(new RecomputeDeadlines(Actor.System), routedAt.AddMinutes(30))));

        var expected = Loaded.Calendar.AddWorkingDays(routedAt, 1);
        Assert.Equal(new DateOnly(2027, 1, 4), expected.DueDate);
        Assert.Equal(scenario.State.Departments.Select(d => d.DepartmentId), recomputed.SignIns.Select(s => s.DepartmentId));
        Assert.All(scenario.State.Departments, d => Assert.Equal(expected, d.SignInDue));
        Assert.Equal(expected, scenario.State.ReturnWindow);
        Assert.Contains(TicketDecider.Timers(scenario.State), t => t.Kind == TimerKind.SignInDue && t.DueAt == expected.At);
    }

    [Fact]
    public void Decide_CoHandlersContributionOverNewYear_RecomputedWithItsLadder()
    {
        // Routed Wednesday 2026-12-30: the co-handler's three working days end on Monday 4 January on Monday–Friday.
        var routedAt = Beijing(2026, 12, 30, 10);
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), routedAt);
        Assert.Equal(new DateOnly(2027, 1, 4), scenario.State.Department(Tax)!.ContributionDue!.DueDate);
        Assert.True(TicketClocks.HoldsProvisionalDeadline(scenario.State));
        scenario.Context = Loaded;

        var recomputed = Assert.IsType<DeadlinesRecomputed>(Assert.Single(scenario.Given(new RecomputeDeadlines(Actor.System), routedAt.AddMinutes(30))));

        var expected = Loaded.Calendar.AddWorkingDays(routedAt, 3);
        Assert.Equal(new DateOnly(2027, 1, 5), expected.DueDate);
        Assert.Equal(expected, recomputed.SignIns.Single(s => s.DepartmentId == Tax).ContributionDue);
        var tax = scenario.State.Department(Tax)!;
        Assert.Equal(expected, tax.ContributionDue);
        Assert.Equal(TicketClocks.Ladder(Loaded.Calendar, Loaded.Policies.Ladder, routedAt, expected), tax.ContributionLadder);
        Assert.Contains(TicketDecider.Timers(scenario.State), t => t.Kind == TimerKind.ContributionDue && t.Key == Tax && t.DueAt == expected.At);
        // The sign-in deadlines (31 December) were never provisional and stay.
        Assert.All(scenario.State.Departments, d => Assert.Equal(new DateOnly(2026, 12, 31), d.SignInDue.DueDate));
    }

    [Fact]
    public void Decide_SupervisionOrderOverNewYear_RecomputedWithItsOwnLimit()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), Received).SignInLead(scenario, Received);
        var issuedAt = Beijing(2026, 12, 30, 10);
        scenario.Given(new IssueSupervisionOrder(Supervising, "DB-1", null, "加快办理", 2), issuedAt);
        scenario.Context = Loaded;

        var recomputed = Assert.IsType<DeadlinesRecomputed>(Assert.Single(scenario.Given(new RecomputeDeadlines(Actor.System), issuedAt.AddHours(1))));

        Assert.Equal(Loaded.Calendar.AddWorkingDays(issuedAt, 2), Assert.Single(recomputed.SupervisionOrders).Due);
        Assert.Equal(new DateOnly(2027, 1, 4), scenario.State.SupervisionOrders.Single().Due.DueDate);
    }

    [Fact]
    public void Notifications_ResolutionDeadlineMoved_TellsTheOfficer()
    {
        var scenario = AcrossNewYear();
        var before = TicketDecider.Replay(scenario.Events.Take(scenario.Events.Count - 1));

        var intent = TicketNotifications.Of(before, scenario.Events[^1], Loaded.Directory, Loaded.Calendar, Loaded.Policies.Ladder);

        Assert.Equal(TicketNotifications.Kinds.DeadlineRecomputed, intent?.Kind);
        Assert.Equal([FinanceOfficerA], intent!.Recipients);
    }
}
