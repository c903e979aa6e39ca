using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;

namespace Assist.Domain.Tickets;

/// <summary>Clock arithmetic shared by decisions: resolution clocks, the ladder's instants, notification times, recipients.</summary>
public static class TicketClocks
{
    /// <summary>A new clock: nothing has moved it yet.</summary>
    public static ResolutionClock Start(DecisionContext context, DateTimeOffset start, TimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WithDue(context, start, limit, context.Calendar.Add(start, limit), ClockAdjustments.None);
    }

    /// <summary>The clock with a new deadline and its ladder; <paramref name="adjustments"/> null when they are unknown.</summary>
    public static ResolutionClock WithDue(DecisionContext context, DateTimeOffset start, TimeLimit limit, Deadline due, ClockAdjustments? adjustments)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ResolutionClock(
            start,
            limit,
            due,
            Ladder(context.Calendar, context.Policies.Ladder, start, due),
            adjustments?.PausedWorkingTime,
            adjustments?.ExtensionWorkingDays);
    }

    /// <summary>
    /// What moved the ticket's current clock since it started. A clock stored before it recorded them (null fields) is
    /// known to be unmoved only when the whole ticket was never paused nor extended; otherwise it is unknown (null), as the
    /// ticket's totals may belong to an earlier clock (a re-route or a rejected reply restarts it).
    /// </summary>
    public static ClockAdjustments? Adjustments(TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Clock switch
        {
            null => null,
            { PausedWorkingTime: { } paused, ExtensionWorkingDays: { } days } => new ClockAdjustments(paused, days),
            _ when state.TotalPausedWorkingTime == TimeSpan.Zero && state.ExtensionWorkingDays == 0 => ClockAdjustments.None,
            _ => null,
        };
    }

    /// <summary>A clock's deadline computed from scratch on <paramref name="calendar"/>: its limit from its start, moved by its adjustments.</summary>
    public static Deadline DueOf(WorkingCalendar calendar, ResolutionClock clock, ClockAdjustments adjustments)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(adjustments);
        return calendar.Extend(calendar.Shift(calendar.Add(clock.StartedAt, clock.Limit), adjustments.PausedWorkingTime), adjustments.ExtensionWorkingDays);
    }

    /// <summary>
    /// The calendar a provisional deadline spanning <paramref name="from"/> to <paramref name="to"/> was computed on: every
    /// year of the span that Assist does not ship official data for (<see cref="EmbeddedCalendarData"/>) taken as
    /// unpublished, Monday–Friday. Decisions use it to check that a deadline computed again from what the ticket recorded
    /// reproduces, on that calendar, the deadline stored: if it does not (a policy, the office hours or the order of
    /// adjustments differ), the deadline is left as it is rather than moved by a guess.
    /// </summary>
    public static WorkingCalendar AsComputedThen(WorkingCalendar calendar, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var then = calendar;
        foreach (var year in LoadedYears(calendar, from, to))
        {
            then = then.WithYear(new CalendarYear(year, ValueList.Empty<CalendarDay>(), ValueList.Empty<string>()));
        }

        return then;
    }

    /// <summary>The years from <paramref name="from"/> to <paramref name="to"/> that have official data now that Assist does not ship: loaded by an administrator.</summary>
    public static IEnumerable<int> LoadedYears(WorkingCalendar calendar, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        for (var year = from.Year; year <= to.Year; year++)
        {
            if (calendar.HasDataFor(year) && !EmbeddedCalendarData.Years.Any(y => y.Year == year && y.HasData))
            {
                yield return year;
            }
        }
    }

    /// <summary>
    /// A provisional deadline counted from <paramref name="start"/> computed again on <paramref name="calendar"/>, when the
    /// limit it was counted with can be told: the working days (or whole office hours) from its start to it on the calendar
    /// it was computed on (<see cref="AsComputedThen"/>), checked by counting them again there. Null when it cannot be told.
    /// </summary>
    public static Deadline? Recount(WorkingCalendar calendar, DateTimeOffset start, Deadline deadline)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(deadline);
        var then = AsComputedThen(calendar, calendar.LocalDate(start), deadline.DueDate);
        TimeLimit limit;
        if (deadline.Kind == DeadlineKind.WorkingDays)
        {
            limit = TimeLimit.WorkingDays(then.WorkingDaysBetween(start, deadline.At));
        }
        else
        {
            var hours = then.WorkingTimeBetween(start, deadline.At).TotalHours;
            if (hours != Math.Floor(hours))
            {
                return null;
            }

            limit = TimeLimit.WorkingHours((int)hours);
        }

        return then.Add(start, limit) == deadline ? calendar.Add(start, limit) : null;
    }

    /// <summary>
    /// A co-handler's contribution deadline: the policy's limit from routing, but never after the lead's resolution
    /// deadline (an urgent ticket's co-handlers contribute within its same-day limit).
    /// </summary>
    public static Deadline ContributionDue(DecisionContext context, DateTimeOffset routedAt, Deadline resolutionDue)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resolutionDue);
        var due = context.Calendar.Add(routedAt, context.Policies.CoHandlingOrDefault.Contribution);
        return due.At <= resolutionDue.At ? due : resolutionDue;
    }

    /// <summary>
    /// Blue: the end of the working day before the due day (or, per policy or when that is not after the start,
    /// the policy's fraction of the window's office hours); yellow: at due; red and HQ: the end of the Nth
    /// working day after the due day.
    /// </summary>
    public static LadderSchedule Ladder(WorkingCalendar calendar, EscalationLadder ladder, DateTimeOffset start, Deadline due)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(due);
        DateTimeOffset? blue = null;
        if (ladder.BlueMode == BlueReminderMode.OneWorkingDayBeforeDue && due.Kind == DeadlineKind.WorkingDays)
        {
            var dayBefore = calendar.EndOfDay(calendar.PreviousWorkingDay(due.DueDate));
            if (dayBefore > start)
            {
                blue = dayBefore;
            }
        }

        if (blue is null)
        {
            var window = calendar.WorkingTimeBetween(start, due.At);
            if (window > TimeSpan.Zero)
            {
                var at = calendar.AddWorkingTime(start, window * (double)ladder.BlueFraction).At;
                blue = at > start && at < due.At ? at : null;
            }
        }

        var dueDay = calendar.StartOfDay(due.DueDate);
        return new LadderSchedule(
            blue,
            due.At,
            calendar.AddWorkingDays(dueDay, Math.Max(1, ladder.RedCardWorkingDaysOverdue)).At,
            calendar.AddWorkingDays(dueDay, Math.Max(1, ladder.HqEscalationWorkingDaysOverdue)).At);
    }

    /// <summary>
    /// Whether the ticket holds a live deadline marked provisional (one <see cref="TicketDecider"/> would recompute when a
    /// year is loaded): the resolution deadline while its clock runs or is paused, an unsigned department's sign-in, the
    /// return window, a pending decision, an open supervision order, the confirmation window.
    /// </summary>
    public static bool HoldsProvisionalDeadline(TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var handling = state.Status is TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation;
        var clockLive = handling || state.Status == TicketStatus.ReturnRequested;
        return (clockLive && state.Clock?.Due.Provisional == true)
            || (handling && state.Departments.Any(d => d.SignedInAt is null && !d.SignInOverdueRaised && d.SignInDue.Provisional))
            || (handling && state.Departments.Any(d => d.OwesContribution && !d.ContributionOverdueRaised && d.ContributionDue!.Provisional))
            || (state.Status is TicketStatus.Routed or TicketStatus.InProgress && !state.ReturnDecidedThisRound && state.ReturnWindow?.Provisional == true)
            || state.PendingReturn is { DecisionOverdueRaised: false, DecisionDue.Provisional: true }
            || (handling && state.PendingExtension is { DecisionOverdueRaised: false, DecisionDue.Provisional: true })
            || (clockLive && state.SupervisionOrders.Any(o => !o.Fulfilled && !o.OverdueRaised && o.Due.Provisional))
            || (state.Status == TicketStatus.Replied && state.LastReply?.ConfirmationDue.Provisional == true);
    }

    /// <summary>When to notify: at once for urgent tickets (or when the policy does not hold), else at the next office-hours instant.</summary>
    public static DateTimeOffset NotifyAt(DecisionContext context, TicketState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        return state.Urgent || !context.Policies.Ladder.HoldNotificationsUntilWorkingHours
            ? now
            : context.Calendar.NextWorkingInstant(now);
    }

    /// <summary>The given users, or the supervisors (then administrators) when the directory names nobody, so no rung goes unheard.</summary>
    public static IReadOnlyList<string> Recipients(OrganizationDirectory directory, IEnumerable<string> primary)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var users = primary.Distinct().ToList();
        if (users.Count == 0)
        {
            users.AddRange(directory.UsersInRole(StaffRole.Supervisor));
        }

        if (users.Count == 0)
        {
            users.AddRange(directory.UsersInRole(StaffRole.Administrator));
        }

        return users;
    }
}
