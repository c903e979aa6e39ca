using Assist.Domain.Calendar;

namespace Assist.Storage.Directory;

/// <summary>Where a calendar year's data came from.</summary>
public enum CalendarYearSource
{
    /// <summary>Not published yet (or never loaded): Monday–Friday stands in and deadlines in it are provisional.</summary>
    Missing,

    /// <summary>Shipped with Assist (holiday-cn data, MIT).</summary>
    Embedded,

    /// <summary>Loaded by an administrator (it replaces the shipped year, if any).</summary>
    Loaded,
}

/// <summary>
/// One year of the official calendar as administrators see it: whether it has the State Council's holidays and make-up
/// workdays (<see cref="Provisional"/> when not: deadlines falling in it are computed on Monday–Friday and marked so),
/// where the data came from, when it was loaded, and how many special days it lists.
/// </summary>
public sealed record CalendarYearStatus(int Year, CalendarYearSource Source, bool Provisional, int SpecialDays, DateTimeOffset? LoadedAt)
{
    /// <summary>
    /// Every year the calendar knows, every year an administrator loaded, and this year and the next (the years open
    /// deadlines fall in), in order. <paramref name="loaded"/> maps a loaded year to when it was stored.
    /// </summary>
    public static IReadOnlyList<CalendarYearStatus> Of(WorkingCalendar calendar, IReadOnlyDictionary<int, DateTimeOffset?> loaded, int currentYear)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(loaded);
        var known = calendar.Years.ToDictionary(y => y.Year);
        var years = known.Keys.Concat(loaded.Keys).Append(currentYear).Append(currentYear + 1).Distinct().Order();
        return [.. years.Select(year =>
        {
            var data = known.GetValueOrDefault(year);
            var hasData = data?.HasData == true;
            var source = loaded.ContainsKey(year) ? CalendarYearSource.Loaded : hasData ? CalendarYearSource.Embedded : CalendarYearSource.Missing;
            return new CalendarYearStatus(year, source, !hasData, data?.Days.Count ?? 0, loaded.GetValueOrDefault(year));
        })];
    }
}
