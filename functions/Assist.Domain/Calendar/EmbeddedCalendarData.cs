namespace Assist.Domain.Calendar;

/// <summary>The calendar years shipped inside the assembly (holiday-cn, MIT; see Calendar/Data/LICENSE).</summary>
public static class EmbeddedCalendarData
{
    private const string Prefix = "Assist.Domain.Calendar.Data.";

    public static IReadOnlyList<CalendarYear> Years { get; } = Load();

    private static List<CalendarYear> Load()
    {
        var assembly = typeof(EmbeddedCalendarData).Assembly;
        var years = new List<CalendarYear>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            years.Add(CalendarYearParser.Parse(stream));
        }

        return years;
    }
}
