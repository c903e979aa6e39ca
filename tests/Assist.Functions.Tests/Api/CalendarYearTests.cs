using System.Net;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>Administrators see which calendar years are official and which provisional, on the API and the manage page.</summary>
[Collection(UsesAzurite.Name)]
public sealed class CalendarYearTests(AzuriteFixture storage)
{
    // December 2026: the 2027 holidays are not published yet, and deadlines already fall in 2027.
    private const string Start = "2026-12-07T10:00:00+08:00";

    private const string Calendar2027 = """
        {"year":2027,"papers":["https://www.gov.cn/example/2027.htm"],"days":[
          {"name":"元旦","date":"2027-01-01","isOffDay":true},
          {"name":"春节","date":"2027-02-06","isOffDay":true},
          {"name":"春节","date":"2027-02-07","isOffDay":false}]}
        """;

    [Fact]
    public async Task List_BeforeAndAfterLoading2027_ShowsItProvisionalThenLoaded()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        var admin = await api.SignInAsync("admin");

        var before = Years(await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/calendar-years"));
        var loaded = await ApiHarness.SendAsync(admin, HttpMethod.Put, "/api/admin/calendar-years/2027", JsonDocument.Parse(Calendar2027).RootElement);
        var after = Years(await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/calendar-years"));

        Assert.Equal([2024, 2025, 2026, 2027], before.Keys.Order());
        Assert.All([2024, 2025, 2026], year => Assert.Equal(("Embedded", false), (before[year].GetProperty("source").GetString(), before[year].GetProperty("provisional").GetBoolean())));
        Assert.Equal(("Missing", true), (before[2027].GetProperty("source").GetString(), before[2027].GetProperty("provisional").GetBoolean()));
        Assert.Equal(HttpStatusCode.NoContent, loaded.Status);
        Assert.Equal(("Loaded", false, 3), (after[2027].GetProperty("source").GetString(), after[2027].GetProperty("provisional").GetBoolean(), after[2027].GetProperty("specialDays").GetInt32()));
        Assert.Equal(JsonValueKind.String, after[2027].GetProperty("loadedAt").ValueKind);
    }

    [Theory]
    [InlineData(null, "尚未发布", "暂定（按周一至周五计）")]
    [InlineData("en", "Not published yet", "Provisional (Monday–Friday)")]
    public async Task ManagePage_ListsTheYearsWithTheirStatus(string? language, string missing, string provisional)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        var admin = await api.SignInAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/manage");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await admin.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = html[html.IndexOf("data-testid=\"calendar-2027\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains(missing, row, StringComparison.Ordinal);
        Assert.Contains(provisional, row, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"calendar-2026\"", html, StringComparison.Ordinal);
    }

    private static Dictionary<int, JsonElement> Years(Answer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Json.EnumerateArray().ToDictionary(y => y.GetProperty("year").GetInt32());
    }
}
