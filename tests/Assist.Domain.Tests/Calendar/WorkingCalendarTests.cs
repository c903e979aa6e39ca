using Assist.Domain.Calendar;
using Assist.Domain.Common;

namespace Assist.Domain.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    private static DateTimeOffset Beijing(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-02-12", 5, "2026-02-26")] // Spring Festival, not 2026-02-19
    [InlineData("2026-02-12", 15, "2026-03-11")]
    [InlineData("2025-09-26", 5, "2025-10-10")] // National Day + Mid-Autumn, make-up Saturday 2025-10-11 after
    [InlineData("2026-09-30", 2, "2026-10-09")] // National Day
    [InlineData("2026-04-30", 3, "2026-05-08")] // Labour Day
    [InlineData("2026-01-02", 1, "2026-01-04")] // a Sunday make-up workday counts
    [InlineData("2026-03-06", 1, "2026-03-09")] // an ordinary weekend does not
    public void AddWorkingDays_OfficialCalendar_DueOnExpectedDay(string received, int days, string expected)
    {
        var day = Date(received);

        var deadline = Calendar.AddWorkingDays(Beijing(day.Year, day.Month, day.Day, 15), days);

        Assert.Equal(Date(expected), deadline.DueDate);
        Assert.False(deadline.Provisional);
    }

    [Fact]
    public void AddWorkingDays_DayDeadline_EndsAtMidnightOfLastDay()
    {
        var deadline = Calendar.AddWorkingDays(Beijing(2026, 2, 12), 5);

        Assert.Equal(Beijing(2026, 2, 27, 0), deadline.At);
        Assert.Equal(DeadlineKind.WorkingDays, deadline.Kind);
    }

    [Fact]
    public void AddWorkingDays_ClosingTimeConfigured_EndsAtClosingTime()
    {
        var calendar = new WorkingCalendar(EmbeddedCalendarData.Years, WorkingHours.Default with { ClosingTime = new TimeOnly(17, 30) });

        var deadline = calendar.AddWorkingDays(Beijing(2026, 2, 12), 5);

        Assert.Equal(Beijing(2026, 2, 26, 17, 30), deadline.At);
    }

    [Fact]
    public void AddWorkingDays_ZeroDaysOnWorkingDay_DueSameDay()
    {
        var deadline = Calendar.AddWorkingDays(Beijing(2026, 3, 4, 9), 0);

        Assert.Equal(new DateOnly(2026, 3, 4), deadline.DueDate);
    }

    [Fact]
    public void AddWorkingDays_ZeroDaysOnHoliday_DueNextWorkingDay()
    {
        var deadline = Calendar.AddWorkingDays(Beijing(2026, 10, 3, 9), 0);

        Assert.Equal(new DateOnly(2026, 10, 8), deadline.DueDate);
    }

    [Fact]
    public void AddWorkingDays_YearWithoutData_FallsBackToWeekdaysAndIsProvisional()
    {
        var deadline = Calendar.AddWorkingDays(Beijing(2027, 9, 30), 2); // 2027's notice is not published

        Assert.Equal(new DateOnly(2027, 10, 4), deadline.DueDate);
        Assert.True(deadline.Provisional);
    }

    [Fact]
    public void AddWorkingDays_CrossingIntoYearWithoutData_IsProvisional()
    {
        var deadline = Calendar.AddWorkingDays(Beijing(2026, 12, 28), 5);

        Assert.True(deadline.Provisional);
    }

    [Fact]
    public void WithYear_NoticeLoadedForMissingYear_DeadlineNoLongerProvisional()
    {
        var notice = CalendarYearParser.Parse("""
            {"year": 2027, "papers": ["https://www.gov.cn/example"], "days": [
              {"name": "国庆节", "date": "2027-10-01", "isOffDay": true},
              {"name": "国庆节", "date": "2027-10-04", "isOffDay": true},
              {"name": "国庆节", "date": "2027-10-05", "isOffDay": true}
            ]}
            """);

        var deadline = Calendar.WithYear(notice).AddWorkingDays(Beijing(2027, 9, 30), 2);

        Assert.Equal(new DateOnly(2027, 10, 7), deadline.DueDate);
        Assert.False(deadline.Provisional);
    }

    [Fact]
    public void AddWorkingTime_CrossingLunch_SkipsLunchBreak()
    {
        var deadline = Calendar.AddWorkingTime(Beijing(2026, 3, 2, 11), TimeSpan.FromHours(2));

        Assert.Equal(Beijing(2026, 3, 2, 15), deadline.At);
        Assert.Equal(DeadlineKind.WorkingHours, deadline.Kind);
    }

    [Fact]
    public void AddWorkingTime_CrossingNight_ContinuesNextMorning()
    {
        var deadline = Calendar.AddWorkingTime(Beijing(2026, 3, 2, 17), TimeSpan.FromHours(2));

        Assert.Equal(Beijing(2026, 3, 3, 10), deadline.At);
    }

    [Fact]
    public void AddWorkingTime_CrossingWeekend_ContinuesMonday()
    {
        var deadline = Calendar.AddWorkingTime(Beijing(2026, 3, 6, 16, 30), TimeSpan.FromHours(2));

        Assert.Equal(Beijing(2026, 3, 9, 9, 30), deadline.At);
    }

    [Fact]
    public void AddWorkingTime_AcrossNewYearHoliday_ContinuesOnSundayMakeUpWorkday()
    {
        var deadline = Calendar.AddWorkingTime(Beijing(2025, 12, 31, 17), TimeSpan.FromHours(2));

        Assert.Equal(Beijing(2026, 1, 4, 10), deadline.At);
        Assert.Equal(new DateOnly(2026, 1, 4), deadline.DueDate);
    }

    [Fact]
    public void AddWorkingTime_StartedAtNight_CountsFromNextSession()
    {
        var deadline = Calendar.AddWorkingTime(Beijing(2026, 3, 2, 22), TimeSpan.FromHours(2));

        Assert.Equal(Beijing(2026, 3, 3, 10, 30), deadline.At);
    }

    [Fact]
    public void AddWorkingTime_EndingExactlyAtNoon_DueAtNoonNotAfterLunch()
    {
        var deadline = Calendar.AddWorkingTime(Beijing(2026, 3, 2, 10), TimeSpan.FromHours(2));

        Assert.Equal(Beijing(2026, 3, 2, 12), deadline.At);
    }

    [Fact]
    public void WorkingTimeBetween_AcrossLunchAndNight_CountsOfficeHoursOnly()
    {
        var time = Calendar.WorkingTimeBetween(Beijing(2026, 3, 2, 11), Beijing(2026, 3, 3, 9));

        Assert.Equal(TimeSpan.FromHours(1 + 3.5 + 0.5), time);
    }

    [Fact]
    public void WorkingTimeBetween_OverHoliday_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Beijing(2026, 10, 1, 9), Beijing(2026, 10, 7, 18)));
    }

    [Fact]
    public void WorkingDaysOverdue_AfterDeadline_CountsWholeWorkingDaysPastIt()
    {
        var due = Calendar.AddWorkingDays(Beijing(2026, 9, 24), 3); // Mid-Autumn off: due 2026-09-30

        Assert.Equal(new DateOnly(2026, 9, 30), due.DueDate);
        Assert.Equal(0, Calendar.WorkingDaysOverdue(due, Beijing(2026, 10, 8, 12))); // National Day adds none
        Assert.Equal(1, Calendar.WorkingDaysOverdue(due, Beijing(2026, 10, 9, 0)));
        Assert.Equal(2, Calendar.WorkingDaysOverdue(due, Beijing(2026, 10, 10, 12)));
        Assert.Equal(3, Calendar.WorkingDaysOverdue(due, Beijing(2026, 10, 11, 0))); // Saturday 10-10 is a make-up workday
    }

    [Fact]
    public void WorkingDaysOverdue_BeforeDeadline_Zero()
    {
        var due = Calendar.AddWorkingDays(Beijing(2026, 3, 2), 3);

        Assert.Equal(0, Calendar.WorkingDaysOverdue(due, Beijing(2026, 3, 4)));
    }

    [Fact]
    public void WorkingDaysBetween_ReceivedAtMidnight_ReceiptDayNotCounted()
    {
        var received = Beijing(2026, 3, 2, 0);

        Assert.Equal(3, Calendar.WorkingDaysBetween(received, Calendar.AddWorkingDays(received, 3).At));
    }

    [Fact]
    public void WorkingDaysBetween_ReceiptToDeadline_EqualsDaysAdded()
    {
        var received = Beijing(2026, 2, 12, 15);

        Assert.Equal(15, Calendar.WorkingDaysBetween(received, Calendar.AddWorkingDays(received, 15).At));
    }

    [Fact]
    public void Shift_DayDeadlinePausedTwoWorkingDays_MovesTwoWorkingDays()
    {
        var due = Calendar.AddWorkingDays(Beijing(2026, 3, 2), 5); // 2026-03-09
        var paused = Calendar.WorkingTimeBetween(Beijing(2026, 3, 3, 10), Beijing(2026, 3, 5, 10));

        var shifted = Calendar.Shift(due, paused);

        Assert.Equal(new DateOnly(2026, 3, 11), shifted.DueDate);
        Assert.Equal(Beijing(2026, 3, 12, 0), shifted.At);
    }

    [Fact]
    public void Shift_PausedOverWeekendOnly_DeadlineUnchanged()
    {
        var due = Calendar.AddWorkingDays(Beijing(2026, 3, 2), 5);
        var paused = Calendar.WorkingTimeBetween(Beijing(2026, 3, 6, 18), Beijing(2026, 3, 9, 8));

        Assert.Equal(due, Calendar.Shift(due, paused));
    }

    [Fact]
    public void Shift_HourDeadline_MovesByOfficeHours()
    {
        var due = Calendar.AddWorkingTime(Beijing(2026, 3, 2, 9), TimeSpan.FromHours(2)); // 11:00

        var shifted = Calendar.Shift(due, TimeSpan.FromHours(1.5));

        Assert.Equal(Beijing(2026, 3, 2, 14, 30), shifted.At);
    }

    [Fact]
    public void Shift_IssueSpringFestivalPause_MovesByExactPausedWorkingTime()
    {
        // Issue 16. Received Wed 2026-02-11, 7 working days: 02-12, 02-13, Sat 02-14 (make-up), then the holiday
        // 02-15..02-23, then 02-24, 02-25, 02-26, 02-27 → due Fri 2026-02-27, ends 24:00.
        var due = Calendar.AddWorkingDays(Beijing(2026, 2, 11), 7);
        Assert.Equal(new DateOnly(2026, 2, 27), due.DueDate);

        // Paused Thu 02-12 09:03 → Sat 02-14 10:01 (make-up workday):
        // Thu 09:03–12:00 (2:57) + 14:00–17:30 (3:30) = 6:27; Fri 7:00; Sat 08:30–10:01 = 1:31 → 14:58,
        // i.e. two working days and 58 minutes.
        var paused = Calendar.WorkingTimeBetween(Beijing(2026, 2, 12, 9, 3), Beijing(2026, 2, 14, 10, 1));
        Assert.Equal(new TimeSpan(14, 58, 0), paused);

        var shifted = Calendar.Shift(due, paused);

        // From the old deadline's last working moment, Fri 02-27 17:30: Sat 02-28 (make-up) 7:00 → 7:58 left;
        // Mon 03-02 7:00 → 0:58 left; Tue 03-03 08:30 + 0:58 = 09:28. Not the end of Tue 03-03 (3 whole days).
        Assert.Equal(Beijing(2026, 3, 3, 9, 28), shifted.At);
        Assert.Equal(new DateOnly(2026, 3, 3), shifted.DueDate);
        Assert.Equal(DeadlineKind.WorkingDays, shifted.Kind);
        Assert.False(shifted.Provisional);
        Assert.Equal(paused, Calendar.WorkingTimeBetween(due.At, shifted.At)); // office time added after the old deadline
    }

    [Fact]
    public void Shift_PauseOnlyOutsideOfficeHoursOverSpringFestival_DeadlineUnchanged()
    {
        var due = Calendar.AddWorkingDays(Beijing(2026, 2, 11), 7);
        // Sat 02-14 after office hours → Tue 02-24 before office hours: the whole holiday, no office time.
        var paused = Calendar.WorkingTimeBetween(Beijing(2026, 2, 14, 17, 45), Beijing(2026, 2, 24, 8, 15));

        Assert.Equal(TimeSpan.Zero, paused);
        Assert.Equal(due, Calendar.Shift(due, paused));
    }

    [Fact]
    public void Shift_PauseAcrossSpringFestival_CreditsOnlyWorkingTime()
    {
        var due = Calendar.AddWorkingDays(Beijing(2026, 2, 11), 7); // Fri 2026-02-27
        // Fri 02-13 16:00–17:30 (1:30) + Sat 02-14 make-up day (7:00) + holiday (0) + Tue 02-24 08:30–09:00 (0:30) = 9:00.
        var paused = Calendar.WorkingTimeBetween(Beijing(2026, 2, 13, 16), Beijing(2026, 2, 24, 9));
        Assert.Equal(TimeSpan.FromHours(9), paused);

        var shifted = Calendar.Shift(due, paused);

        // From Fri 02-27 17:30: Sat 02-28 (make-up) 7:00 → 2:00 left; Mon 03-02 08:30 + 2:00 = 10:30.
        Assert.Equal(Beijing(2026, 3, 2, 10, 30), shifted.At);
        Assert.Equal(new DateOnly(2026, 3, 2), shifted.DueDate);
    }

    [Fact]
    public void Shift_WholeWorkingDayOverMakeUpSaturday_EndsAtEndOfDay()
    {
        var due = Calendar.AddWorkingDays(Beijing(2026, 2, 11), 7); // Fri 2026-02-27

        var shifted = Calendar.Shift(due, TimeSpan.FromHours(7));

        // Exactly one working day: the make-up Saturday 02-28, a day deadline again (24:00).
        Assert.Equal(new DateOnly(2026, 2, 28), shifted.DueDate);
        Assert.Equal(Beijing(2026, 3, 1, 0), shifted.At);
    }

    [Theory]
    [InlineData(58, 58)]
    [InlineData(210, 210)] // two half days make a whole day: back to 24:00
    [InlineData(898, 30)]
    [InlineData(420, 1)]
    public void Shift_TwoPausesInTurn_SameAsOneShiftByTheirSum(int firstMinutes, int secondMinutes)
    {
        var due = Calendar.AddWorkingDays(Beijing(2026, 2, 11), 7);
        var first = TimeSpan.FromMinutes(firstMinutes);
        var second = TimeSpan.FromMinutes(secondMinutes);

        var stepwise = Calendar.Shift(Calendar.Shift(due, first), second);

        Assert.Equal(Calendar.Shift(due, first + second), stepwise);
    }

    [Fact]
    public void Shift_TwoHalfDayPauses_EndOfNextWorkingDay()
    {
        var due = Calendar.AddWorkingDays(Beijing(2026, 2, 11), 7); // Fri 2026-02-27

        var once = Calendar.Shift(due, TimeSpan.FromHours(3.5));
        var twice = Calendar.Shift(once, TimeSpan.FromHours(3.5));

        Assert.Equal(Beijing(2026, 2, 28, 12), once.At); // Sat make-up day, end of the morning session
        Assert.Equal(Beijing(2026, 3, 1, 0), twice.At);
        Assert.Equal(new DateOnly(2026, 2, 28), twice.DueDate);
    }

    [Fact]
    public void Shift_SameDayUrgentDeadlineOnMakeUpSaturday_CreditCarriesOverHoliday()
    {
        // Urgent (same working day), received on the make-up Saturday 02-14: due 24:00 that day.
        var due = Calendar.AddWorkingDays(Beijing(2026, 2, 14, 9), 0);
        Assert.Equal(new DateOnly(2026, 2, 14), due.DueDate);

        var shifted = Calendar.Shift(due, TimeSpan.FromHours(1.5));

        // From Sat 17:30; the next office hours are Tue 02-24 after the holiday: 08:30 + 1:30 = 10:00.
        Assert.Equal(Beijing(2026, 2, 24, 10), shifted.At);
        Assert.Equal(new DateOnly(2026, 2, 24), shifted.DueDate);
    }

    [Fact]
    public void Shift_HourDeadlineBeforeSpringFestival_MovesByOfficeHoursOverHoliday()
    {
        var due = Calendar.AddWorkingTime(Beijing(2026, 2, 14, 14), TimeSpan.FromHours(2)); // Sat make-up day 16:00

        var shifted = Calendar.Shift(due, TimeSpan.FromHours(2));

        // Sat 16:00–17:30 (1:30), then Tue 02-24 08:30 + 0:30 = 09:00.
        Assert.Equal(Beijing(2026, 2, 24, 9), shifted.At);
        Assert.Equal(DeadlineKind.WorkingHours, shifted.Kind);
    }

    [Fact]
    public void NextWorkingInstant_SaturdayEvening_IsMondayMorning()
    {
        Assert.Equal(Beijing(2026, 3, 9, 8, 30), Calendar.NextWorkingInstant(Beijing(2026, 3, 7, 20)));
    }

    [Fact]
    public void NextWorkingInstant_InsideOfficeHours_IsSameInstant()
    {
        Assert.Equal(Beijing(2026, 3, 9, 9, 15), Calendar.NextWorkingInstant(Beijing(2026, 3, 9, 9, 15)));
    }

    [Fact]
    public void IsWorkingDay_MakeUpSaturdayAndHoliday_FollowNotice()
    {
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 2, 14)));  // Saturday make-up workday
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 2, 16))); // Spring Festival Monday
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 3, 7)));  // ordinary Saturday
    }

    [Fact]
    public void Constructor_OverlappingSessions_Rejected()
    {
        var hours = new WorkingHours(ValueList.Of(
            new WorkSession(new TimeOnly(8, 0), new TimeOnly(12, 0)),
            new WorkSession(new TimeOnly(11, 0), new TimeOnly(17, 0))));

        Assert.Throws<ArgumentException>(() => new WorkingCalendar([], hours));
    }
}
