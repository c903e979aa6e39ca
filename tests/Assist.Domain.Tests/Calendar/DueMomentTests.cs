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
}
