using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Assist.Domain.Scoring;

/// <summary>
/// A reporting period: a month (<c>2026-02</c>, 一月一调度) or a quarter (<c>2026-Q1</c>, 一季一考核), in China
/// time. A quarter's counters are the sum of its three months.
/// </summary>
public sealed record ReportPeriod
{
    private ReportPeriod(int year, int firstMonth, int monthCount)
    {
        Year = year;
        FirstMonth = firstMonth;
        MonthCount = monthCount;
    }

    public int Year { get; }

    public int FirstMonth { get; }

    /// <summary>1 for a month, 3 for a quarter.</summary>
    public int MonthCount { get; }

    public bool IsQuarter => MonthCount == 3;

    public int Quarter => (FirstMonth - 1) / 3 + 1;

    /// <summary>The months in order, as <c>yyyy-MM</c>.</summary>
    public IReadOnlyList<string> Months =>
        [.. Enumerable.Range(FirstMonth, MonthCount).Select(m => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}"))];

    public DateOnly FirstDay => new(Year, FirstMonth, 1);

    public DateOnly LastDay => FirstDay.AddMonths(MonthCount).AddDays(-1);

    public static ReportPeriod Month(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return new(year, month, 1);
    }

    public static ReportPeriod OfQuarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return new(year, (quarter - 1) * 3 + 1, 3);
    }

    /// <summary>The month or quarter holding <paramref name="date"/>.</summary>
    public static ReportPeriod Containing(DateOnly date, bool quarter) =>
        quarter ? OfQuarter(date.Year, (date.Month - 1) / 3 + 1) : Month(date.Year, date.Month);

    /// <summary>Parses <c>yyyy-MM</c> or <c>yyyy-Qn</c> (case-insensitive).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ReportPeriod? period)
    {
        period = null;
        if (text is not { Length: 7 } || text[4] != '-' || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000)
        {
            return false;
        }

        if (text[5] is 'Q' or 'q')
        {
            if (text[6] is >= '1' and <= '4')
            {
                period = OfQuarter(year, text[6] - '0');
                return true;
            }

            return false;
        }

        if (int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            period = Month(year, month);
            return true;
        }

        return false;
    }

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public override string ToString() =>
        IsQuarter
            ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Quarter}")
            : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{FirstMonth:D2}");
}
