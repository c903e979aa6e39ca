using Assist.Domain.Calendar;
using Assist.Domain.Common;

namespace Assist.Domain.Tickets;

public static partial class TicketDecider
{
    /// <summary>
    /// Computes the ticket's live provisional deadlines again on the calendar as it is now (an administrator loaded a
    /// year). The resolution clock is recomputed exactly from its start, limit and adjustments (<see cref="TicketClocks.DueOf"/>);
    /// the other deadlines from their recorded start with the limit they were counted with (<see cref="TicketClocks.Recount"/>).
    /// A deadline whose inputs are unknown (a clock stored before its adjustments were recorded, from a ticket paused or
    /// extended; a sign-in or return clock in a snapshot without its routing instant) or that cannot be reproduced on the
    /// calendar it was computed on stays as it is, still marked provisional. No event when nothing changes.
    /// </summary>
    private static Decision Recompute(TicketState state, RecomputeDeadlines c, DateTimeOffset now, DecisionContext context)
    {
        if (c.By.Kind != ActorKind.System)
        {
            return Forbidden("the system", "系统");
        }

        if (state.Status is TicketStatus.New or TicketStatus.Closed)
        {
            return Decision.Accept();
        }

        var calendar = context.Calendar;
        var years = new SortedSet<int>();
        Deadline? Again(DateTimeOffset? start, Deadline? deadline)
        {
            if (start is not { } from || deadline is not { Provisional: true } || TicketClocks.Recount(calendar, from, deadline) is not { } again || again == deadline)
            {
                return null;
            }

            years.UnionWith(TicketClocks.LoadedYears(calendar, calendar.LocalDate(from), Later(deadline.DueDate, again.DueDate)));
            return again;
        }

        var handling = state.Status is TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation;
        var clockLive = handling || state.Status == TicketStatus.ReturnRequested;
        ResolutionClock? clock = null;
        if (clockLive && state.Clock is { Due.Provisional: true } current && TicketClocks.Adjustments(state) is { } adjustments)
        {
            var then = TicketClocks.AsComputedThen(calendar, calendar.LocalDate(current.StartedAt), current.Due.DueDate);
            var due = TicketClocks.DueOf(calendar, current, adjustments);
            if (TicketClocks.DueOf(then, current, adjustments) == current.Due && due != current.Due)
            {
                clock = TicketClocks.WithDue(context, current.StartedAt, current.Limit, due, adjustments);
                years.UnionWith(TicketClocks.LoadedYears(calendar, calendar.LocalDate(current.StartedAt), Later(current.Due.DueDate, due.DueDate)));
            }
        }

        // Per department: its sign-in deadline until it signs in, and a co-handler's contribution deadline (协办) until it
        // contributes, with that deadline's own ladder; a department is listed when either moved.
        DepartmentSignIn? Department(HandlingDepartment d)
        {
            var signIn = d.SignedInAt is null && !d.SignInOverdueRaised ? Again(state.RoutedAt, d.SignInDue) : null;
            var contribution = d.OwesContribution && !d.ContributionOverdueRaised ? Again(state.RoutedAt, d.ContributionDue) : null;
            if (signIn is null && contribution is null)
            {
                return null;
            }

            var ladder = contribution is null ? null : TicketClocks.Ladder(calendar, context.Policies.Ladder, state.RoutedAt!.Value, contribution);
            return new DepartmentSignIn(d.DepartmentId, d.Role, signIn ?? d.SignInDue, contribution, ladder);
        }

        var signIns = handling
            ? state.Departments.Select(Department).OfType<DepartmentSignIn>().ToValueList()
            : ValueList.Empty<DepartmentSignIn>();
        var returnWindow = state.Status is TicketStatus.Routed or TicketStatus.InProgress && !state.ReturnDecidedThisRound
            ? Again(state.RoutedAt, state.ReturnWindow)
            : null;
        var returnDecision = state.PendingReturn is { DecisionOverdueRaised: false } pendingReturn ? Again(pendingReturn.RequestedAt, pendingReturn.DecisionDue) : null;
        var extensionDecision = state.PendingExtension is { DecisionOverdueRaised: false } pendingExtension && handling
            ? Again(pendingExtension.RequestedAt, pendingExtension.DecisionDue)
            : null;
        var orders = handling || state.Status == TicketStatus.ReturnRequested
            ? state.SupervisionOrders
                .Where(o => !o.Fulfilled && !o.OverdueRaised)
                .Select(o => Again(o.IssuedAt, o.Due) is { } due ? new OrderDeadline(o.OrderId, due) : null)
                .OfType<OrderDeadline>()
                .ToValueList()
            : ValueList.Empty<OrderDeadline>();
        var confirmation = state.Status == TicketStatus.Replied && state.LastReply is { } reply ? Again(reply.At, reply.ConfirmationDue) : null;

        if (clock is null && signIns.Count == 0 && returnWindow is null && returnDecision is null && extensionDecision is null && orders.Count == 0 && confirmation is null)
        {
            return Decision.Accept();
        }

        return Decision.Accept(new DeadlinesRecomputed(
            state.TicketId,
            c.By,
            now,
            years.ToValueList(),
            clock,
            clock is null ? null : state.Clock!.Due,
            signIns,
            returnWindow,
            returnDecision,
            extensionDecision,
            orders,
            confirmation));
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
