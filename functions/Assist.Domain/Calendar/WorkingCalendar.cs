namespace Assist.Domain.Calendar;

/// <summary>
/// The official working calendar (China Standard Time, no daylight saving since 1991, so a fixed +08:00
/// offset stands for Asia/Shanghai): Monday–Friday plus the exceptions of each year's notice, including
/// make-up weekend workdays (调休). Every method is pure; "now" is always a parameter.
/// </summary>
public sealed class WorkingCalendar
{
    public static readonly TimeSpan ChinaStandardOffset = TimeSpan.FromHours(8);

    // A calendar with no working day for ten years is broken data, not a long holiday.
    private const int MaxDaysScanned = 3660;

    private readonly Dictionary<int, CalendarYear> _years;
    private readonly Dictionary<DateOnly, bool> _offDays;

    public WorkingCalendar(IEnumerable<CalendarYear> years, WorkingHours? hours = null, TimeSpan? utcOffset = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        Hours = hours ?? WorkingHours.Default;
        UtcOffset = utcOffset ?? ChinaStandardOffset;
        ValidateHours(Hours);
        _years = [];
        foreach (var year in years)
        {
            _years[year.Year] = year;
        }

        _offDays = _years.Values.SelectMany(year => year.Days).ToDictionary(day => day.Date, day => day.IsOffDay);
    }

    /// <summary>The embedded official years with default office hours.</summary>
    public static WorkingCalendar Default { get; } = new(EmbeddedCalendarData.Years);

    public WorkingHours Hours { get; }

    public TimeSpan UtcOffset { get; }

    public IReadOnlyCollection<CalendarYear> Years => _years.Values;

    /// <summary>A calendar with <paramref name="year"/> added or replaced (an administrator loaded a notice).</summary>
    public WorkingCalendar WithYear(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        return new WorkingCalendar(_years.Values.Where(y => y.Year != year.Year).Append(year), Hours, UtcOffset);
    }

    public bool HasDataFor(int year) => _years.TryGetValue(year, out var data) && data.HasData;

    public bool IsWorkingDay(DateOnly date) =>
        _offDays.TryGetValue(date, out var isOffDay) ? !isOffDay : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(UtcOffset).DateTime);

    public DateTimeOffset At(DateOnly date, TimeSpan timeOfDay) =>
        new(date.ToDateTime(TimeOnly.MinValue) + timeOfDay, UtcOffset);

    public DateTimeOffset StartOfDay(DateOnly date) => At(date, TimeSpan.Zero);

    /// <summary>When a day deadline on <paramref name="date"/> passes: 24:00, or the configured closing time.</summary>
    public DateTimeOffset EndOfDay(DateOnly date) =>
        Hours.ClosingTime is { } closing ? At(date, closing.ToTimeSpan()) : At(date, TimeSpan.FromDays(1));

    public DateOnly NextWorkingDay(DateOnly after)
    {
        var date = after;
        for (var i = 0; i < MaxDaysScanned; i++)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                return date;
            }
        }

        throw new InvalidOperationException($"No working day within {MaxDaysScanned} days after {after:yyyy-MM-dd}.");
    }

    public DateOnly PreviousWorkingDay(DateOnly before)
    {
        var date = before;
        for (var i = 0; i < MaxDaysScanned; i++)
        {
            date = date.AddDays(-1);
            if (IsWorkingDay(date))
            {
                return date;
            }
        }

        throw new InvalidOperationException($"No working day within {MaxDaysScanned} days before {before:yyyy-MM-dd}.");
    }

    public Deadline Add(DateTimeOffset start, TimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return limit.Unit == TimeLimitUnit.WorkingDays
            ? AddWorkingDays(start, limit.Amount)
            : AddWorkingTime(start, TimeSpan.FromHours(limit.Amount));
    }

    /// <summary>
    /// The day deadline <paramref name="days"/> working days after receipt. The day of receipt is not
    /// counted; 0 days means the same working day (or the next one when received on an off day or after closing).
    /// </summary>
    public Deadline AddWorkingDays(DateTimeOffset received, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var start = LocalDate(received);
        DateOnly due;
        if (days == 0)
        {
            due = IsWorkingDay(start) && EndOfDay(start) > received ? start : NextWorkingDay(start);
        }
        else
        {
            due = start;
            for (var i = 0; i < days; i++)
            {
                due = NextWorkingDay(due);
            }
        }

        return new Deadline(EndOfDay(due), due, IsProvisional(start, due), DeadlineKind.WorkingDays);
    }

    /// <summary>The instant <paramref name="amount"/> of office hours after <paramref name="start"/>.</summary>
    public Deadline AddWorkingTime(DateTimeOffset start, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        var first = LocalDate(start);
        var date = first;
        var cursor = start.ToOffset(UtcOffset).TimeOfDay;
        var remaining = amount;
        for (var i = 0; i < MaxDaysScanned; i++)
        {
            if (IsWorkingDay(date))
            {
                foreach (var session in Hours.Sessions)
                {
                    var from = Max(session.Start.ToTimeSpan(), cursor);
                    var end = session.End.ToTimeSpan();
                    if (from >= end)
                    {
                        continue;
                    }

                    var available = end - from;
                    if (remaining <= available)
                    {
                        return new Deadline(At(date, from + remaining), date, IsProvisional(first, date), DeadlineKind.WorkingHours);
                    }

                    remaining -= available;
                }
            }

            date = date.AddDays(1);
            cursor = TimeSpan.Zero;
        }

        throw new InvalidOperationException($"No office hours within {MaxDaysScanned} days after {start:O}.");
    }

    /// <summary>The first instant at or after <paramref name="instant"/> inside office hours.</summary>
    public DateTimeOffset NextWorkingInstant(DateTimeOffset instant) => AddWorkingTime(instant, TimeSpan.Zero).At;

    /// <summary>Office hours between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        for (var date = LocalDate(from); date <= LocalDate(to); date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            foreach (var session in Hours.Sessions)
            {
                var start = Max(At(date, session.Start.ToTimeSpan()), from);
                var end = Min(At(date, session.End.ToTimeSpan()), to);
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    /// <summary>
    /// Working days counted like a limit: the day of <paramref name="from"/> is not counted (it is the day of
    /// receipt), and a later working day counts once its end has passed by <paramref name="to"/>. From receipt
    /// to <see cref="AddWorkingDays"/>'s result this is the number of days added.
    /// </summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to) => CountWorkingDaysAfter(LocalDate(from), to);

    /// <summary>"N working days overdue": working days after the deadline's last day whose end has passed by <paramref name="now"/>.</summary>
    public int WorkingDaysOverdue(Deadline deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return now <= deadline.At ? 0 : CountWorkingDaysAfter(deadline.DueDate, now);
    }

    private int CountWorkingDaysAfter(DateOnly first, DateTimeOffset to)
    {
        var count = 0;
        for (var date = first.AddDays(1); EndOfDay(date) <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Moves a deadline by exactly the office hours a ticket spent paused (待补充): the paused working time is
    /// counted forward through office hours from the deadline's last working moment — the end of the last
    /// session of its last day for a day deadline (nothing of the evening up to 24:00 is office time), the
    /// instant itself otherwise. A day deadline credited a whole number of working days still ends at the end
    /// of its new last day; credited a part of a day, it ends at that instant inside office hours (it stays a
    /// day-counted deadline: reminders and extension windows go by its day). Nothing is rounded up, so one
    /// working day and 58 paused minutes move a deadline by one working day and 58 office minutes.
    /// </summary>
    public Deadline Shift(Deadline deadline, TimeSpan pausedWorkingTime)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (pausedWorkingTime <= TimeSpan.Zero)
        {
            return deadline;
        }

        if (deadline.Kind == DeadlineKind.WorkingHours)
        {
            var moved = AddWorkingTime(deadline.At, pausedWorkingTime);
            return moved with { Provisional = deadline.Provisional || moved.Provisional };
        }

        var lastOfficeInstant = Min(deadline.At, LastOfficeInstant(deadline.DueDate));
        var shifted = AddWorkingTime(lastOfficeInstant, pausedWorkingTime);
        var endsDay = shifted.At == LastOfficeInstant(shifted.DueDate) || shifted.At == EndOfDay(shifted.DueDate);
        return new Deadline(
            endsDay ? EndOfDay(shifted.DueDate) : shifted.At,
            shifted.DueDate,
            deadline.Provisional || shifted.Provisional,
            DeadlineKind.WorkingDays);
    }

    /// <summary>
    /// A deadline <paramref name="workingDays"/> working days later (an approved extension). A day deadline moves its
    /// last day by that many working days and keeps its end: 24:00 stays 24:00, and an instant a pause credit put inside
    /// office hours keeps its time of day, so an extension gives whole days and never rounds that credit up. An hour
    /// deadline becomes the day deadline that many working days after its instant.
    /// </summary>
    public Deadline Extend(Deadline deadline, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        if (deadline.Kind == DeadlineKind.WorkingHours)
        {
            var extended = AddWorkingDays(deadline.At, workingDays);
            return extended with { Provisional = extended.Provisional || deadline.Provisional };
        }

        var day = deadline.DueDate;
        for (var i = 0; i < workingDays; i++)
        {
            day = NextWorkingDay(day);
        }

        var endsDay = deadline.At == EndOfDay(deadline.DueDate);
        var at = endsDay ? EndOfDay(day) : At(day, deadline.At.ToOffset(UtcOffset).TimeOfDay);
        return new Deadline(at, day, deadline.Provisional || IsProvisional(deadline.DueDate, day), DeadlineKind.WorkingDays);
    }

    /// <summary>True when any year from <paramref name="first"/> to <paramref name="last"/> has no official data.</summary>
    public bool IsProvisional(DateOnly first, DateOnly last)
    {
        for (var year = first.Year; year <= last.Year; year++)
        {
            if (!HasDataFor(year))
            {
                return true;
            }
        }

        return false;
    }

    private DateTimeOffset LastOfficeInstant(DateOnly date) => At(date, Hours.Sessions[^1].End.ToTimeSpan());

    private static void ValidateHours(WorkingHours hours)
    {
        if (hours.Sessions.Count == 0)
        {
            throw new ArgumentException("Working hours need at least one session.", nameof(hours));
        }

        for (var i = 0; i < hours.Sessions.Count; i++)
        {
            var session = hours.Sessions[i];
            if (session.End <= session.Start || (i > 0 && session.Start < hours.Sessions[i - 1].End))
            {
                throw new ArgumentException("Working-hour sessions must be ordered, non-empty and not overlap.", nameof(hours));
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
