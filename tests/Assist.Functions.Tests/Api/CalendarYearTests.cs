using System.Net;
using System.Text.Json;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// Administrators see which calendar years are official and which provisional, on the API and the manage page; loading a
/// year recomputes the provisional deadlines of open tickets (issue 20), shown on the staff and enterprise timelines.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class CalendarYearTests(AzuriteFixture storage)
{
    // Monday 28 December 2026: the 2027 holidays are not published yet, and a help request's 7 working days end in 2027.
    private const string Start = "2026-12-28T10:00:00+08:00";

    private const string Calendar2027 = """
        {"year":2027,"papers":["https://www.gov.cn/example/2027.htm"],"days":[
          {"name":"元旦","date":"2027-01-01","isOffDay":true},
          {"name":"春节","date":"2027-02-06","isOffDay":true},
          {"name":"春节","date":"2027-02-07","isOffDay":false}]}
        """;

    [Fact]
    public async Task Put2027_OpenTicketWithProvisionalDeadline_ListedThenRecomputedOnceAndShownToStaffAndEnterprise()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        var admin = await api.SignInAsync("admin");
        var ticket = await api.SubmitAsync();
        var head = await api.SignInAsync("head.finance");
        var provisional = (await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}")).Json.GetProperty("deadlines").GetProperty("resolution");

        var before = Years(await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/calendar-years"));
        var loaded = await ApiHarness.SendAsync(admin, HttpMethod.Put, "/api/admin/calendar-years/2027", JsonDocument.Parse(Calendar2027).RootElement);
        var after = Years(await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/calendar-years"));
        var again = await ApiHarness.SendAsync(admin, HttpMethod.Put, "/api/admin/calendar-years/2027", JsonDocument.Parse(Calendar2027).RootElement);

        Assert.Equal([2024, 2025, 2026, 2027], before.Keys.Order());
        Assert.All([2024, 2025, 2026], year => Assert.Equal(("Embedded", false), (before[year].GetProperty("source").GetString(), before[year].GetProperty("provisional").GetBoolean())));
        Assert.Equal(("Missing", true), (before[2027].GetProperty("source").GetString(), before[2027].GetProperty("provisional").GetBoolean()));
        Assert.Equal(("Loaded", false, 3), (after[2027].GetProperty("source").GetString(), after[2027].GetProperty("provisional").GetBoolean(), after[2027].GetProperty("specialDays").GetInt32()));
        Assert.Equal(JsonValueKind.String, after[2027].GetProperty("loadedAt").ValueKind);

        // On Monday–Friday New Year's Day counted as a working day; on the notice it is a holiday.
        Assert.Equal(("2027-01-06", true), (provisional.GetProperty("dueDate").GetString(), provisional.GetProperty("provisional").GetBoolean()));
        Assert.True(loaded.Status == HttpStatusCode.OK, loaded.Text);
        Assert.Equal((2027, 1, 1), (loaded.Json.GetProperty("year").GetInt32(), loaded.Json.GetProperty("ticketsAsked").GetInt32(), loaded.Json.GetProperty("ticketsRecomputed").GetInt32()));
        // Loading the year again finds nothing provisional left: nothing is recomputed twice.
        Assert.Equal((0, 0), (again.Json.GetProperty("ticketsAsked").GetInt32(), again.Json.GetProperty("ticketsRecomputed").GetInt32()));

        var staff = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}");
        var resolution = staff.Json.GetProperty("deadlines").GetProperty("resolution");
        Assert.Equal(("2027-01-07", false), (resolution.GetProperty("dueDate").GetString(), resolution.GetProperty("provisional").GetBoolean()));
        var staffEntry = Assert.Single(Recomputed(staff.Json));
        Assert.Equal(("2027-01-06", "2027-01-07"), (staffEntry.GetProperty("previousDue").GetProperty("dueDate").GetString(), staffEntry.GetProperty("due").GetProperty("dueDate").GetString()));
        Assert.Equal([2027], staffEntry.GetProperty("calendarYears").EnumerateArray().Select(y => y.GetInt32()));

        var tracked = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, $"/api/tickets/{ticket.Number}", trackingCode: ticket.TrackingCode);
        Assert.Equal("2027-01-07", tracked.Json.GetProperty("deadlines").GetProperty("resolution").GetProperty("dueDate").GetString());
        var enterpriseEntry = Assert.Single(Recomputed(tracked.Json));
        Assert.Equal(("2027-01-06", "2027-01-07"), (enterpriseEntry.GetProperty("previousDue").GetProperty("dueDate").GetString(), enterpriseEntry.GetProperty("due").GetProperty("dueDate").GetString()));

        // The staff ticket page says it in the reader's language.
        using var zh = new HttpRequestMessage(HttpMethod.Get, $"/staff/tickets/{ticket.Number}");
        var zhPage = await (await head.SendAsync(zh)).Content.ReadAsStringAsync();
        Assert.Contains("办理期限已按国务院公布的2027年节假日安排重新计算：由2027年1月6日（周三）调整为2027年1月7日（周四）", zhPage, StringComparison.Ordinal);
        using var en = new HttpRequestMessage(HttpMethod.Get, $"/staff/tickets/{ticket.Number}");
        en.Headers.AcceptLanguage.ParseAdd("en");
        var enPage = await (await head.SendAsync(en)).Content.ReadAsStringAsync();
        Assert.Contains("The deadline was recomputed on the State Council&#x27;s 2027 holiday calendar: moved from Wed 6 Jan 2027 to Thu 7 Jan 2027", enPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "尚未发布", "暂定（按周一至周五计）", "已保存2027年日历。3件在办工单有暂定期限，已重新计算，其中2件期限有变化。")]
    [InlineData("en", "Not published yet", "Provisional (Monday–Friday)", "Saved the 2027 calendar. 3 open tickets with a provisional deadline were asked to recompute; 2 changed.")]
    public async Task ManagePage_ListsTheYearsWithTheirStatusAndWhatLoadingOneRecomputed(string? language, string missing, string provisional, string loaded)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        var admin = await api.SignInAsync("admin");
        // Where the calendar form redirects after loading a year.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/manage?saved=1&calendar=2027&asked=3&recomputed=2");
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
        Assert.Contains(loaded, html, StringComparison.Ordinal);
    }

    private static List<JsonElement> Recomputed(JsonElement ticket) =>
        [.. ticket.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "DeadlinesRecomputed")];

    private static Dictionary<int, JsonElement> Years(Answer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Json.EnumerateArray().ToDictionary(y => y.GetProperty("year").GetInt32());
    }
}
