using System.Globalization;
using System.Text.Json;
using Assist.Domain.Common;

namespace Assist.Domain.Calendar;

/// <summary>
/// Reads one year of calendar data in the holiday-cn JSON format (<c>year</c>, <c>papers</c>, <c>days</c> of
/// <c>{name, date, isOffDay}</c>). Takes content, never a path: the same parser reads the embedded years
/// and a year an administrator uploads.
/// </summary>
public static class CalendarYearParser
{
    public static CalendarYear Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw NotJson(exception);
        }
    }

    public static CalendarYear Parse(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var document = JsonDocument.Parse(content);
            return Read(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw NotJson(exception);
        }
    }

    /// <summary>Where the JSON broke, in both languages (the parser's own text is English only).</summary>
    private static CalendarDataException NotJson(JsonException exception)
    {
        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        return new CalendarDataException(
            string.Create(CultureInfo.InvariantCulture, $"Calendar data is not valid JSON (line {line}, position {position})."),
            string.Create(CultureInfo.InvariantCulture, $"日历数据不是有效的 JSON（第{line}行第{position}个字节处）。"),
            exception);
    }

    private static CalendarYear Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CalendarDataException("Calendar data must be a JSON object with year, papers and days.", "日历数据须为包含 year、papers 和 days 的 JSON 对象。");
        }

        if (!root.TryGetProperty("year", out var yearElement) || !yearElement.TryGetInt32(out var year) || year is < 1900 or > 2999)
        {
            throw new CalendarDataException("Calendar data needs a numeric \"year\" between 1900 and 2999.", "日历数据须有数字 \"year\"（1900至2999之间）。");
        }

        var papers = new List<string>();
        if (root.TryGetProperty("papers", out var papersElement))
        {
            if (papersElement.ValueKind != JsonValueKind.Array)
            {
                throw new CalendarDataException("\"papers\" must be an array of strings.", "\"papers\" 须为字符串数组。");
            }

            papers.AddRange(papersElement.EnumerateArray().Select(paper => paper.GetString() ?? string.Empty));
        }

        if (!root.TryGetProperty("days", out var daysElement) || daysElement.ValueKind != JsonValueKind.Array)
        {
            throw new CalendarDataException("Calendar data needs a \"days\" array.", "日历数据须有 \"days\" 数组。");
        }

        var days = new List<CalendarDay>();
        var seen = new HashSet<DateOnly>();
        var index = 0;
        foreach (var day in daysElement.EnumerateArray())
        {
            days.Add(ReadDay(day, index, year, seen));
            index++;
        }

        return new CalendarYear(year, days.OrderBy(day => day.Date).ToValueList(), papers.ToValueList());
    }

    private static CalendarDay ReadDay(JsonElement day, int index, int year, HashSet<DateOnly> seen)
    {
        var where = $"days[{index}]";
        if (day.ValueKind != JsonValueKind.Object)
        {
            throw new CalendarDataException($"{where} must be an object with name, date and isOffDay.", $"{where} 须为包含 name、date 和 isOffDay 的对象。");
        }

        if (!day.TryGetProperty("date", out var dateElement) || dateElement.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(dateElement.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new CalendarDataException($"{where}.date must be an ISO date (yyyy-MM-dd).", $"{where}.date 须为 yyyy-MM-dd 格式的日期。");
        }

        if (date.Year != year)
        {
            throw new CalendarDataException($"{where}.date {date:yyyy-MM-dd} is outside the year {year}.", $"{where}.date {date:yyyy-MM-dd} 不在{year}年内。");
        }

        if (!day.TryGetProperty("isOffDay", out var offElement) || offElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new CalendarDataException($"{where}.isOffDay must be true or false.", $"{where}.isOffDay 须为 true 或 false。");
        }

        if (!seen.Add(date))
        {
            throw new CalendarDataException($"{where}.date {date:yyyy-MM-dd} is listed twice.", $"{where}.date {date:yyyy-MM-dd} 重复出现。");
        }

        var name = day.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
            ? nameElement.GetString()!
            : throw new CalendarDataException($"{where}.name must be a string.", $"{where}.name 须为字符串。");
        return new CalendarDay(date, name, offElement.GetBoolean());
    }
}
