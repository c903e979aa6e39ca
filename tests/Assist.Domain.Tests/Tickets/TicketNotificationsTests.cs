using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;
using static Assist.Domain.Tests.Support.TestData;
using Kinds = Assist.Domain.Tickets.TicketNotifications.Kinds;

namespace Assist.Domain.Tests.Tickets;

public sealed class TicketNotificationsTests
{
    /// <summary>What each event of the full lifecycle asks of whom, in order (events asking nobody left out).</summary>
    private static List<(TicketEvent Event, NotificationIntent Intent)> Notified(TicketScenario scenario)
    {
        var notified = new List<(TicketEvent, NotificationIntent)>();
        var state = TicketState.Initial;
        foreach (var @event in scenario.Events)
        {
            if (TicketNotifications.Of(state, @event, scenario.Context.Directory, scenario.Context.Calendar, scenario.Context.Policies.Ladder) is { } intent)
            {
                notified.Add((@event, intent));
            }

            state = TicketDecider.Evolve(state, @event);
        }

        return notified;
    }

    [Fact]
    public void FullLifecycle_EveryEventThatAsksSomeoneToAct_NotifiesTheRightPeople()
    {
        var notified = Notified(FullLifecycle.Run());
        IReadOnlyList<string> To(string kind, int occurrence = 0) => notified.Where(n => n.Intent.Kind == kind).ElementAt(occurrence).Intent.Recipients;

        Assert.Equal([HqClerk], To(Kinds.ManualRouting));
        Assert.Equal([FinanceOfficerA], To(Kinds.Assigned));
        Assert.Equal([Supervisor], To(Kinds.ReturnRequested));
        // Accepted: the returning department's head and officer, not the supervisor who decided.
        Assert.Equal([FinanceOfficerA, FinanceHead], To(Kinds.ReturnAccepted));
        Assert.Equal([TaxOfficer, TaxHead], To(Kinds.ReturnRefused));
        Assert.Equal([TaxOfficer], To(Kinds.InformationProvided));
        Assert.Equal([Supervisor], To(Kinds.ExtensionRequested));
        Assert.Equal([TaxOfficer, TaxHead], To(Kinds.ExtensionApproved));
        Assert.Equal([TaxOfficer, TaxHead], To(Kinds.ExtensionDenied));
        Assert.Equal([TaxOfficer], To(Kinds.ReplyRejected));
        // 提级 by the supervisor: HQ leaders (with the event) and the officer and head holding the ticket.
        Assert.Equal([HqLeader, TaxOfficer, TaxHead], To(Kinds.HqEscalation).Order(StringComparer.Ordinal));
        Assert.Contains(TaxHead, To(Kinds.SupervisionOrder));
        // 批示: the lead department's head and the officer must acknowledge; 签收批示 tells the HQ leader who gave it.
        Assert.Equal([TaxOfficer, TaxHead], To(Kinds.HqInstruction).Order(StringComparer.Ordinal));
        Assert.Equal([HqLeader], To(Kinds.HqInstructionAcknowledged));
        // Every kind a ticket can raise is raised somewhere in the full lifecycle, or (a deadline moved by a loaded
        // calendar year) across the New Year.
        var kinds = typeof(Kinds).GetFields().Select(f => (string)f.GetRawConstantValue()!);
        Assert.Empty(kinds.Except(notified.Concat(Notified(NewYear.AcrossNewYear())).Select(n => n.Intent.Kind)));
    }

    [Fact]
    public void Of_TheActor_IsNotToldOfWhatTheyDid()
    {
        var notified = Notified(FullLifecycle.Run());

        Assert.All(notified.Where(n => n.Event.By.Kind == ActorKind.Staff), n => Assert.DoesNotContain(n.Event.By.Id, n.Intent.Recipients));
    }

    [Fact]
    public void Of_AssignmentAtNight_WaitsForOfficeHoursUnlessUrgent()
    {
        var evening = Beijing(2026, 3, 2, 20);
        var calm = new TicketScenario();
        calm.Given(TicketScenario.Submit(), evening);
        var urgent = new TicketScenario();
        urgent.Given(TicketScenario.Submit(urgent: true), evening);

        var held = Notified(calm).Single(n => n.Intent.Kind == Kinds.Assigned).Intent;
        var now = Notified(urgent).Single(n => n.Intent.Kind == Kinds.Assigned).Intent;

        Assert.Equal(calm.Context.Calendar.NextWorkingInstant(evening), held.NotifyAt);
        Assert.True(held.NotifyAt > evening);
        Assert.Equal(evening, now.NotifyAt);
    }

    [Fact]
    public void Of_ProgressAndContacts_AskNobody()
    {
        var scenario = TicketScenario.InStatus(TicketStatus.InProgress);
        var before = scenario.State;
        var events = scenario.Given(new RecordProgress(TicketScenario.Officer, "已与银行沟通"), TicketScenario.Monday.AddHours(2));

        Assert.Null(TicketNotifications.Of(before, events.Single(), scenario.Context.Directory, scenario.Context.Calendar, scenario.Context.Policies.Ladder));
    }
}
