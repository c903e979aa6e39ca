using System.Globalization;
using Assist.Domain.Calendar;

namespace Assist.Functions.Web;

/// <summary>Instants and due dates as people read them: Asia/Shanghai time, in the page's language.</summary>
public static class PageTime
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToShanghai(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Shanghai);

    public static string Format(DateTimeOffset? at)
    {
        if (at is not { } value)
        {
            return "—";
        }

        var local = ToShanghai(value);
        return PageCulture.IsEnglish
            ? local.ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo(PageCulture.English))
            : local.ToString("yyyy年M月d日 HH:mm", CultureInfo.GetCultureInfo(PageCulture.Chinese));
    }

    public static string Format(DateOnly date) => PageCulture.IsEnglish
        ? date.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo(PageCulture.English))
        : date.ToString("yyyy年M月d日（ddd）", CultureInfo.GetCultureInfo(PageCulture.Chinese));

    /// <summary>
    /// A deadline instant as people say it: a day deadline ends at 24:00, i.e. the next day's 00:00 — shown as its last
    /// day; a deadline inside a working day (hour limits) with its time.
    /// </summary>
    public static string FormatDue(DateTimeOffset at)
    {
        var local = ToShanghai(at);
        return local.TimeOfDay == TimeSpan.Zero ? Format(DateOnly.FromDateTime(local.DateTime).AddDays(-1)) : Format(at);
    }

    /// <summary>
    /// A deadline by its last day when it ends at that day's 24:00; with its time when it ends inside the day (hour
    /// limits, or a day deadline a pause credited part of a working day), as <see cref="FormatDue"/> shows it in lists.
    /// </summary>
    public static string Format(Deadline? deadline)
    {
        if (deadline is null)
        {
            return "—";
        }

        var local = ToShanghai(deadline.At);
        var endsAtMidnight = local.TimeOfDay == TimeSpan.Zero && DateOnly.FromDateTime(local.DateTime) == deadline.DueDate.AddDays(1);
        return endsAtMidnight ? Format(deadline.DueDate) : Format(deadline.At);
    }

    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset at) => ToShanghai(at).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
