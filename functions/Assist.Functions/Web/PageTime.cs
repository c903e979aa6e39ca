using System.Globalization;
using Assist.Domain.Calendar;

namespace Assist.Functions.Web;

/// <summary>Instants and due dates as people read them: Asia/Shanghai time, in the page's language.</summary>
public static class PageTime
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToShanghai(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Shanghai);

    public static string Format(DateTimeOffset? at) => at is { } value ? FormatLocal(ToShanghai(value).DateTime) : "—";

    public static string Format(DateOnly date) => PageCulture.IsEnglish
        ? date.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo(PageCulture.English))
        : date.ToString("yyyy年M月d日（ddd）", CultureInfo.GetCultureInfo(PageCulture.Chinese));

    /// <summary>A deadline instant as people say it (see <see cref="DueMoment"/>): a day deadline as its last day, an hour limit with its time.</summary>
    public static string FormatDue(DateTimeOffset? at) => at is { } value ? Format(DueMoment.Of(value, Shanghai.GetUtcOffset(value))) : "—";

    /// <summary>
    /// A deadline by its last day when it ends at that day's 24:00; with its time when it ends inside the day (hour
    /// limits, or a day deadline a pause credited part of a working day). The exact instant is in the title for a closer look.
    /// </summary>
    public static string Format(Deadline? deadline) => deadline is null ? "—" : Format(DueMoment.Of(deadline, Shanghai.GetUtcOffset(deadline.At)));

    public static string Format(DueMoment due) => due.Time is null ? Format(due.Date) : FormatLocal(due.Local);

    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset at) => ToShanghai(at).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string FormatLocal(DateTime local) => PageCulture.IsEnglish
        ? local.ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo(PageCulture.English))
        : local.ToString("yyyy年M月d日 HH:mm", CultureInfo.GetCultureInfo(PageCulture.Chinese));
}
