using Assist.Domain.Calendar;
using Assist.Domain.Organization;
using Assist.Domain.Policies;

namespace Assist.Domain.Tickets;

/// <summary>Clock arithmetic shared by decisions: resolution clocks, the ladder's instants, notification times, recipients.</summary>
public static class TicketClocks
{
    public static ResolutionClock Start(DecisionContext context, DateTimeOffset start, TimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WithDue(context, start, limit, context.Calendar.Add(start, limit));
    }

    public static ResolutionClock WithDue(DecisionContext context, DateTimeOffset start, TimeLimit limit, Deadline due)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ResolutionClock(start, limit, due, Ladder(context.Calendar, context.Policies.Ladder, start, due));
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
