using Assist.Domain.Common;
using Assist.Domain.Organization;

namespace Assist.Domain.Tickets;

public static partial class TicketDecider
{
    /// <summary>
    /// The timers the ticket holds now. The caller schedules exactly these (replacing what it scheduled before)
    /// and sends each back as <see cref="TimerElapsed"/> once due.
    /// </summary>
    public static IReadOnlyList<TicketTimer> Timers(TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var timers = new List<TicketTimer>();
        var handling = state.Status is TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation;
        if (handling)
        {
            timers.AddRange(state.Departments
                .Where(d => d.SignedInAt is null && !d.SignInOverdueRaised)
                .Select(d => new TicketTimer(TimerKind.SignInDue, d.SignInDue.At, d.DepartmentId)));
        }

        // The resolution clock runs while routed, in progress or awaiting a return decision; it is paused while 待补充.
        if (state.Clock is { } clock && state.Status is TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.ReturnRequested)
        {
            if (clock.Ladder.BlueAt is { } blue && !state.RungsReached.Contains(EscalationRung.BlueReminder))
            {
                timers.Add(new TicketTimer(TimerKind.BlueReminder, blue));
            }

            if (!state.RungsReached.Contains(EscalationRung.YellowCard))
            {
                timers.Add(new TicketTimer(TimerKind.YellowCard, clock.Ladder.YellowAt));
            }

            if (!state.RungsReached.Contains(EscalationRung.RedCard))
            {
                timers.Add(new TicketTimer(TimerKind.RedCard, clock.Ladder.RedAt));
            }

            if (!state.EscalatedToHq)
            {
                timers.Add(new TicketTimer(TimerKind.HqEscalation, clock.Ladder.HqAt));
            }
        }

        // A co-handler's contribution clock runs from routing until it contributes or the ticket is replied to; it does
        // not pause for 待补充 (the lead's question to the enterprise need not hold up the co-handlers' part).
        if (handling || state.Status == TicketStatus.ReturnRequested)
        {
            foreach (var department in state.Departments.Where(d => d.OwesContribution && d.ContributionLadder is not null))
            {
                var ladder = department.ContributionLadder!;
                if (ladder.BlueAt is { } blue && !department.ContributionReminderRaised)
                {
                    timers.Add(new TicketTimer(TimerKind.ContributionReminder, blue, department.DepartmentId));
                }

                if (!department.ContributionOverdueRaised)
                {
                    timers.Add(new TicketTimer(TimerKind.ContributionDue, ladder.YellowAt, department.DepartmentId));
                }

                if (!department.ContributionRedCardRaised)
                {
                    timers.Add(new TicketTimer(TimerKind.ContributionRedCard, ladder.RedAt, department.DepartmentId));
                }
            }

            timers.AddRange(state.SupervisionOrders
                .Where(o => !o.Fulfilled && !o.OverdueRaised && state.Department(o.DepartmentId) is not null)
                .Select(o => new TicketTimer(TimerKind.SupervisionOrderDue, o.Due.At, o.OrderId)));
        }

        if (state.PendingReturn is { DecisionOverdueRaised: false } pendingReturn)
        {
            timers.Add(new TicketTimer(TimerKind.ReturnDecisionDue, pendingReturn.DecisionDue.At));
        }

        if (state.PendingExtension is { DecisionOverdueRaised: false } pendingExtension && handling)
        {
            timers.Add(new TicketTimer(TimerKind.ExtensionDecisionDue, pendingExtension.DecisionDue.At));
        }

        if (state.Status == TicketStatus.Replied && state.LastReply is { } reply)
        {
            timers.Add(new TicketTimer(TimerKind.ConfirmationWindow, reply.ConfirmationDue.At));
        }

        return timers;
    }

    private static Decision Elapse(TicketState state, TimerElapsed c, DateTimeOffset now, DecisionContext context)
    {
        if (c.By.Kind != ActorKind.System)
        {
            return Forbidden("the system's timers", "系统定时任务");
        }

        var held = Timers(state).Any(t => t.Kind == c.Kind && t.Key == c.Key && t.DueAt == c.DueAt);
        if (!held || now < c.DueAt)
        {
            return Decision.Accept();
        }

        var directory = context.Directory;
        var lead = state.LeadDepartmentId;
        var overdue = state.Clock is { } clock ? context.Calendar.WorkingDaysOverdue(clock.Due, now) : 0;
        return c.Kind switch
        {
            TimerKind.SignInDue => Raise(EscalationRung.SignInOverdue, c.Key, null, directory.UsersOf(c.Key, StaffRole.DepartmentHead)),
            TimerKind.BlueReminder => Raise(
                EscalationRung.BlueReminder,
                lead,
                null,
                state.OfficerId is { } officer ? [officer] : directory.UsersOf(lead!, StaffRole.DepartmentHead)),
            TimerKind.YellowCard => Raise(EscalationRung.YellowCard, lead, null, directory.UsersOf(lead!, StaffRole.DepartmentHead)),
            TimerKind.RedCard => Raise(EscalationRung.RedCard, lead, null, directory.UsersInRole(StaffRole.Supervisor)),
            TimerKind.HqEscalation => Decision.Accept(HqEscalation(state, Actor.System, now, context, EscalationTrigger.Overdue, null)),
            TimerKind.SupervisionOrderDue => RaiseOrderOverdue(),
            TimerKind.ReturnDecisionDue => Raise(EscalationRung.ReturnDecisionOverdue, state.PendingReturn!.DepartmentId, null, directory.UsersInRole(StaffRole.Supervisor)),
            TimerKind.ExtensionDecisionDue => Raise(EscalationRung.ExtensionDecisionOverdue, state.PendingExtension!.DepartmentId, null, directory.UsersInRole(StaffRole.Supervisor)),
            TimerKind.ConfirmationWindow => Decision.Accept(new TicketClosed(state.TicketId, Actor.System, now, ClosureKind.Unrated, null, null)),
            // A co-handler's own ladder: its department is reminded, its heads and the lead's officer (who waits for the
            // part) are told at the deadline, the supervisors once it is the red-card days late.
            TimerKind.ContributionReminder => RaiseContribution(EscalationRung.ContributionReminder, directory.MembersOf(c.Key)),
            TimerKind.ContributionDue => RaiseContribution(
                EscalationRung.ContributionOverdue,
                directory.UsersOf(c.Key, StaffRole.DepartmentHead).Concat(state.OfficerId is { } leadOfficer ? [leadOfficer] : [])),
            TimerKind.ContributionRedCard => RaiseContribution(EscalationRung.ContributionRedCard, directory.UsersInRole(StaffRole.Supervisor)),
            _ => Decision.Accept(),
        };

        Decision RaiseContribution(EscalationRung rung, IEnumerable<string> recipients)
        {
            var due = state.Department(c.Key)!.ContributionDue!;
            return Decision.Accept(new EscalationRaised(
                state.TicketId,
                Actor.System,
                now,
                rung,
                c.Key,
                null,
                c.DueAt,
                context.Calendar.WorkingDaysOverdue(due, now),
                TicketClocks.Recipients(directory, recipients).ToValueList(),
                TicketClocks.NotifyAt(context, state, now)));
        }

        Decision RaiseOrderOverdue()
        {
            var order = state.SupervisionOrders.First(o => o.OrderId == c.Key);
            var recipients = directory.UsersInRole(StaffRole.Supervisor).Concat(directory.UsersOf(order.DepartmentId, StaffRole.DepartmentHead));
            return Raise(EscalationRung.SupervisionOrderOverdue, order.DepartmentId, order.OrderId, recipients);
        }

        Decision Raise(EscalationRung rung, string? department, string? reference, IEnumerable<string> recipients) =>
            Decision.Accept(new EscalationRaised(
                state.TicketId,
                Actor.System,
                now,
                rung,
                department,
                reference,
                c.DueAt,
                overdue,
                TicketClocks.Recipients(directory, recipients).ToValueList(),
                TicketClocks.NotifyAt(context, state, now)));
    }
}
