using Assist.Domain.Calendar;

namespace Assist.Domain.Tests.Calendar;

public sealed class DueMomentTests
{
    private static readonly TimeSpan China = WorkingCalendar.ChinaStandardOffset;

    [Fact]
    public void Of_DayDeadlineInstant_IsItsLastDayWithoutATime()
    {
        var deadline = WorkingCalendar.Default.AddWorkingDays(new DateTimeOffset(2026, 2, 12, 9, 3, 0, China), 5);

        var due = DueMoment.Of(deadline.At, China);

        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 0, China), deadline.At);
        Assert.Equal(new DueMoment(new DateOnly(2026, 2, 26), null), due);
        Assert.True(due.IsDayEnd);
        Assert.Equal(due, DueMoment.Of(deadline, China));
    }

    [Fact]
    public void Of_DayEndStoredInUtc_ReadInTheCalendarsZone()
    {
        var due = DueMoment.Of(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), China);

        Assert.Equal(new DueMoment(new DateOnly(2026, 2, 28), null), due);
    }

    [Fact]
    public void Of_HourLimitDeadline_IsDateAndTime()
    {
        var deadline = WorkingCalendar.Default.AddWorkingTime(new DateTimeOffset(2026, 2, 12, 9, 3, 0, China), TimeSpan.FromHours(2));

        var fromInstant = DueMoment.Of(deadline.At.ToUniversalTime(), China);

        Assert.Equal(new DueMoment(new DateOnly(2026, 2, 12), new TimeOnly(11, 3)), fromInstant);
        Assert.False(fromInstant.IsDayEnd);
        Assert.Equal(fromInstant, DueMoment.Of(deadline, China));
        Assert.Equal(new DateTime(2026, 2, 12, 11, 3, 0), fromInstant.Local);
    }

    [Fact]
    public void Of_DayDeadlineAPauseCreditMovedInsideTheDay_IsDateAndTime()
    {
        // Seven working days from Wed 2026-02-11 end Fri 02-27; 14 h 58 min of paused office time credited from its
        // 17:30 lands on Tue 2026-03-03 09:28 (see WorkingCalendarTests): a day-counted deadline that passes at 09:28.
        var calendar = WorkingCalendar.Default;
        var deadline = calendar.Shift(calendar.AddWorkingDays(new DateTimeOffset(2026, 2, 11, 10, 0, 0, China), 7), new TimeSpan(14, 58, 0));

        var due = DueMoment.Of(deadline, China);

        Assert.Equal(DeadlineKind.WorkingDays, deadline.Kind);
        Assert.Equal(new DueMoment(new DateOnly(2026, 3, 3), new TimeOnly(9, 28)), due);
        Assert.Equal(due, DueMoment.Of(deadline.At, China));
    }
}
