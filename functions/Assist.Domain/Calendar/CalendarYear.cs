using Assist.Domain.Common;

namespace Assist.Domain.Calendar;

/// <summary>
/// One year of official calendar data (holiday-cn format). A year with neither days nor source papers is a
/// year whose notice has not been published yet: the calendar falls back to Monday–Friday for it and marks
/// its deadlines provisional.
/// </summary>
public sealed record CalendarYear(int Year, ValueList<CalendarDay> Days, ValueList<string> Papers)
{
    public bool HasData => Days.Count > 0 || Papers.Count > 0;
}
