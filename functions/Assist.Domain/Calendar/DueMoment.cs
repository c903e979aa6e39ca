namespace Assist.Domain.Calendar;

/// <summary>
/// A deadline as people read it: its due date, and a time of day only when the deadline falls inside a day.
/// A day deadline ends at 24:00 of its last day, which is the next day's 00:00 — it reads as that last day
/// (2026-02-28, not "2026-03-01 00:00"). An hour limit (counted in working hours, e.g. an urgent ticket's sign-in)
/// ends inside office hours and reads as date and time. Where only the instant is kept (the ledger, the views),
/// the instant decides: midnight in the calendar's zone is a day end, anything else is shown with its time — so a
/// day deadline under a configured closing time (e.g. 17:30) reads with that time, which is when it passes.
/// Every view and export that shows a deadline goes through here.
/// </summary>
public readonly record struct DueMoment(DateOnly Date, TimeOnly? Time)
{
    /// <summary>True when the deadline is the end of <see cref="Date"/> and carries no time of day.</summary>
    public bool IsDayEnd => Time is null;

    /// <summary>The local date and time to put in a spreadsheet cell (00:00 of the due date for a day end).</summary>
    public DateTime Local => Date.ToDateTime(Time ?? TimeOnly.MinValue);

    /// <summary>The due moment of a deadline instant, read in the zone <paramref name="utcOffset"/> (the calendar's).</summary>
    public static DueMoment Of(DateTimeOffset at, TimeSpan utcOffset)
    {
        var local = at.ToOffset(utcOffset);
        var date = DateOnly.FromDateTime(local.DateTime);
        return local.TimeOfDay == TimeSpan.Zero
            ? new DueMoment(date.AddDays(-1), null)
            : new DueMoment(date, TimeOnly.FromTimeSpan(local.TimeOfDay));
    }

    /// <summary>
    /// The due moment of a computed deadline: its last day when it ends at that day's 24:00 (whatever its kind); with
    /// its time when it ends inside the day — an hour limit, or a day deadline a pause credit moved to an instant
    /// inside office hours (see <c>WorkingCalendar.Shift</c>).
    /// </summary>
    public static DueMoment Of(Deadline deadline, TimeSpan utcOffset)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var local = deadline.At.ToOffset(utcOffset);
        var endsDueDate = local.TimeOfDay == TimeSpan.Zero && DateOnly.FromDateTime(local.DateTime) == deadline.DueDate.AddDays(1);
        return endsDueDate
            ? new DueMoment(deadline.DueDate, null)
            : new DueMoment(DateOnly.FromDateTime(local.DateTime), TimeOnly.FromTimeSpan(local.TimeOfDay));
    }
}
