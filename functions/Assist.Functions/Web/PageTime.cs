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

    /// <summary>A deadline by its last day; the exact instant is in the title for a closer look.</summary>
    public static string Format(Deadline? deadline) => deadline is null ? "—" : Format(deadline.DueDate);

    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset at) => ToShanghai(at).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
