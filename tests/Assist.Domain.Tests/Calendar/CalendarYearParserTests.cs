using Assist.Domain.Calendar;

namespace Assist.Domain.Tests.Calendar;

public sealed class CalendarYearParserTests
{
    [Fact]
    public void Parse_HolidayCnYear_ReadsExceptionsInDateOrder()
    {
        var year = CalendarYearParser.Parse("""
            {"year": 2030, "papers": ["p"], "days": [
              {"name": "劳动节", "date": "2030-05-02", "isOffDay": true},
              {"name": "劳动节", "date": "2030-04-28", "isOffDay": false}
            ]}
            """);

        Assert.Equal(2030, year.Year);
        Assert.True(year.HasData);
        Assert.Equal([new DateOnly(2030, 4, 28), new DateOnly(2030, 5, 2)], year.Days.Select(d => d.Date));
        Assert.False(year.Days[0].IsOffDay);
    }

    [Fact]
    public void Parse_Stream_ReadsSameAsString()
    {
        using var stream = new MemoryStream("""{"year":2031,"papers":[],"days":[{"name":"元旦","date":"2031-01-01","isOffDay":true}]}"""u8.ToArray());

        Assert.Single(CalendarYearParser.Parse(stream).Days);
    }

    [Fact]
    public void Parse_UnpublishedYear_HasNoData()
    {
        Assert.False(CalendarYearParser.Parse("""{"year": 2027, "papers": [], "days": []}""").HasData);
    }

    [Theory]
    [InlineData("""{"papers": [], "days": []}""", "year")]
    [InlineData("""{"year": 2030, "papers": []}""", "days")]
    [InlineData("""{"year": 2030, "days": [{"name": "x", "date": "2031-01-01", "isOffDay": true}]}""", "outside the year 2030")]
    [InlineData("""{"year": 2030, "days": [{"name": "x", "date": "2030/01/01", "isOffDay": true}]}""", "days[0].date")]
    [InlineData("""{"year": 2030, "days": [{"name": "x", "date": "2030-01-01"}]}""", "days[0].isOffDay")]
    [InlineData("""{"year": 2030, "days": [{"name": "x", "date": "2030-01-01", "isOffDay": true}, {"name": "x", "date": "2030-01-01", "isOffDay": true}]}""", "listed twice")]
    [InlineData("""not json""", "not valid JSON")]
    public void Parse_MalformedData_ExplainsWhatIsWrongInBothLanguages(string json, string expectedFragment)
    {
        var exception = Assert.Throws<CalendarDataException>(() => CalendarYearParser.Parse(json));

        Assert.Contains(expectedFragment, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch("[\u3400-\u9fff]", exception.Message);
        Assert.Matches("[\u3400-\u9fff]", exception.MessageZh);
        Assert.DoesNotMatch("[A-Za-z]{2,} [A-Za-z]{2,}", exception.MessageZh);
    }

    [Fact]
    public void EmbeddedCalendarData_ShipsPublishedYears()
    {
        var years = EmbeddedCalendarData.Years.ToDictionary(y => y.Year);

        Assert.True(years[2024].HasData);
        Assert.True(years[2025].HasData);
        Assert.True(years[2026].HasData);
        Assert.False(years[2027].HasData);
    }
}
