using Assist.Domain.Calendar;

namespace Assist.Domain.Policies;

/// <summary>延期: requested at least <see cref="MinWorkingDaysBeforeDue"/> before due, capped per request and in total.</summary>
public sealed record ExtensionPolicy(int MaxWorkingDaysPerExtension, int MaxTotalWorkingDays, int MinWorkingDaysBeforeDue, TimeLimit DecisionWindow)
{
    /// <summary>
    /// The last moment an extension of a deadline may be requested: the end of the working day
    /// <see cref="MinWorkingDaysBeforeDue"/> working days before a working-day deadline's due date; the deadline itself
    /// for one in working hours. The decider refuses later requests and the pages do not offer the form then.
    /// </summary>
    public DateTimeOffset LatestRequest(Deadline due, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(calendar);
        if (due.Kind != DeadlineKind.WorkingDays)
        {
            return due.At;
        }

        var day = due.DueDate;
        for (var i = 0; i < MinWorkingDaysBeforeDue; i++)
        {
            day = calendar.PreviousWorkingDay(day);
        }

        return calendar.EndOfDay(day);
    }
}
