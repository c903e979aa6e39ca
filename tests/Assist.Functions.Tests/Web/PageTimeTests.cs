using System.Globalization;
using Assist.Domain.Calendar;
using Assist.Functions.Web;

namespace Assist.Functions.Tests.Web;

/// <summary>The due date people read on ticket pages and timelines matches the deadline's instant.</summary>
public sealed class PageTimeTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    private static DateTimeOffset Beijing(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Format_DayDeadline_ShowsItsLastDayOnly()
    {
        using var _ = new UiCulture(PageCulture.Chinese);
        var due = Calendar.AddWorkingDays(Beijing(2026, 2, 11, 10), 7); // Fri 2026-02-27, ends 02-28 00:00

        Assert.Equal("2026年2月27日（周五）", PageTime.Format(due));
        Assert.Equal(PageTime.FormatDue(due.At), PageTime.Format(due));
    }

    [Fact]
    public void Format_DayDeadlineCreditedPartOfAWorkingDay_ShowsTheTimeAsListsDo()
    {
        using var _ = new UiCulture(PageCulture.Chinese);
        // Issue 16's pause (14:58 of office time) moves Fri 2026-02-27 to Tue 2026-03-03 09:28.
        var due = Calendar.Shift(Calendar.AddWorkingDays(Beijing(2026, 2, 11, 10), 7), new TimeSpan(14, 58, 0));

        Assert.Equal("2026年3月3日 09:28", PageTime.Format(due));
        Assert.Equal(PageTime.FormatDue(due.At), PageTime.Format(due));
    }

    [Fact]
    public void Format_DayDeadlineCreditedPartOfAWorkingDayInEnglish_ShowsTheTime()
    {
        using var _ = new UiCulture(PageCulture.English);
        var due = Calendar.Shift(Calendar.AddWorkingDays(Beijing(2026, 2, 11, 10), 7), new TimeSpan(14, 58, 0));

        Assert.Equal("3 Mar 2026 09:28", PageTime.Format(due));
    }

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }
}
