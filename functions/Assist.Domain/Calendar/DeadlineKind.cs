namespace Assist.Domain.Calendar;

public enum DeadlineKind
{
    /// <summary>
    /// Counted in working days: ends at the end (24:00 or closing time) of its last working day — or, once a
    /// pause credited part of a working day (<see cref="WorkingCalendar.Shift"/>), at that instant inside the
    /// last day's office hours.
    /// </summary>
    WorkingDays,

    /// <summary>Ends at an instant inside office hours.</summary>
    WorkingHours,
}
