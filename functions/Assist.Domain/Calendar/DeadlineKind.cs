namespace Assist.Domain.Calendar;

public enum DeadlineKind
{
    /// <summary>Ends at the end (24:00 or closing time) of its last working day.</summary>
    WorkingDays,

    /// <summary>Ends at an instant inside office hours.</summary>
    WorkingHours,
}
