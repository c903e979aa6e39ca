using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// Designated officers (驻企特派员): administrators designate, import and remove them; the enterprise's tickets go to
/// its designated officer when the lead department is theirs, to the least-loaded officer otherwise.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class DesignatedOfficerTests(AzuriteFixture storage)
{
    private const string Other = "91440300000000001H";

    [Fact]
    public async Task Designate_FinanceOfficerForTheEnterprise_FinanceTicketsGoToThemWhateverTheLoad()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var admin = await api.SignInAsync("admin");
        var supervisor = await api.SignInAsync("supervisor.1");

        var put = await ApiHarness.SendAsync(admin, HttpMethod.Put, $"/api/admin/designated-officers/{ApiHarness.ValidCreditCode}", new { officerId = "officer.finance.2" });
        var first = await api.SubmitAsync(ApiHarness.Form("FINANCE"));
        var second = await api.SubmitAsync(ApiHarness.Form("FINANCE"));
        await api.App.DispatchedAsync();

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("officer.finance.2", await OfficerOfAsync(supervisor, first.Number));
        Assert.Equal("officer.finance.2", await OfficerOfAsync(supervisor, second.Number));
        var tracked = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, $"/api/tickets/{first.Number}", trackingCode: first.TrackingCode);
        Assert.Equal(("孙平", true), (tracked.Json.GetProperty("officerName").GetString(), tracked.Json.GetProperty("officerDesignated").GetBoolean()));
        Assert.Contains("孙平（贵企业的驻企特派员）", await TrackPageAsync(api, first, "zh-CN"), StringComparison.Ordinal);
        Assert.Contains("孙平 (your enterprise&#x27;s designated officer)", await TrackPageAsync(api, first, "en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Designate_OfficerOfAnotherDepartment_NotPreferredForAFinanceTicket()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var admin = await api.SignInAsync("admin");
        var supervisor = await api.SignInAsync("supervisor.1");

        await ApiHarness.SendAsync(admin, HttpMethod.Put, $"/api/admin/designated-officers/{ApiHarness.ValidCreditCode}", new { officerId = "officer.landplan.1" });
        var ticket = await api.SubmitAsync(ApiHarness.Form("FINANCE"));
        await api.App.DispatchedAsync();

        Assert.StartsWith("officer.finance.", await OfficerOfAsync(supervisor, ticket.Number), StringComparison.Ordinal);
        var tracked = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, $"/api/tickets/{ticket.Number}", trackingCode: ticket.TrackingCode);
        Assert.False(tracked.Json.GetProperty("officerDesignated").GetBoolean());
        Assert.False(string.IsNullOrEmpty(tracked.Json.GetProperty("officerName").GetString()));
        Assert.DoesNotContain("驻企特派员", await TrackPageAsync(api, ticket, "zh-CN"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutListRemove_RoundTrip()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var admin = await api.SignInAsync("admin");

        await ApiHarness.SendAsync(admin, HttpMethod.Put, $"/api/admin/designated-officers/{ApiHarness.ValidCreditCode}", new { officerId = "officer.finance.1" });
        var listed = await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/designated-officers");
        var removed = await ApiHarness.SendAsync(admin, HttpMethod.Delete, $"/api/admin/designated-officers/{ApiHarness.ValidCreditCode}");
        var again = await ApiHarness.SendAsync(admin, HttpMethod.Delete, $"/api/admin/designated-officers/{ApiHarness.ValidCreditCode}");
        var after = await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/designated-officers");

        var entry = Assert.Single(listed.Json.EnumerateArray());
        Assert.Equal((ApiHarness.ValidCreditCode, "officer.finance.1"), (entry.GetProperty("creditCode").GetString(), entry.GetProperty("officerId").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.True(again.IsProblem);
        Assert.Equal(0, after.Json.GetArrayLength());
    }

    [Theory]
    [InlineData("9144030071526726XA", "officer.finance.1", "creditCode")]
    [InlineData("9144030071526726xg", "officer.finance.1", "creditCode")]
    [InlineData(ApiHarness.ValidCreditCode, "head.finance", "officerId")]
    [InlineData(ApiHarness.ValidCreditCode, "nobody", "officerId")]
    [InlineData(ApiHarness.ValidCreditCode, "", "officerId")]
    public async Task Put_BadCreditCodeOrOfficer_400NamingTheField(string creditCode, string officerId, string field)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var admin = await api.SignInAsync("admin");

        var answer = await ApiHarness.SendAsync(admin, HttpMethod.Put, $"/api/admin/designated-officers/{creditCode}", new { officerId }, language: "en");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.IsProblem);
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), answer.Text);
        Assert.Equal(0, (await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/designated-officers")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Import_CsvWithNameColumn_StoresEveryRow()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var admin = await api.SignInAsync("admin");
        var csv = $"\uFEFFenterpriseName,creditCode,officerId\r\n\"深圳市示例科技有限公司, 南山\",{ApiHarness.ValidCreditCode},officer.finance.2\r\n\r\n其他企业,{Other},officer.landplan.1\r\n";

        var answer = await ImportAsync(admin, csv);
        var listed = await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/designated-officers");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(2, answer.Json.GetProperty("imported").GetInt32());
        Assert.Equal(
            [(Other, "officer.landplan.1"), (ApiHarness.ValidCreditCode, "officer.finance.2")],
            listed.Json.EnumerateArray().Select(e => (e.GetProperty("creditCode").GetString(), e.GetProperty("officerId").GetString())).ToList());
    }

    [Theory]
    [InlineData("creditCode,officerId\n{0},officer.finance.1\n91440300000000001A,officer.finance.1\n", "line 3.creditCode")]
    [InlineData("creditCode,officerId\n{0},officer.finance.1\n{1},head.finance\n", "line 3.officerId")]
    [InlineData("creditCode,officerId\n{0},officer.finance.1\n{0},officer.finance.2\n", "line 3.creditCode")]
    [InlineData("code,officer\n{0},officer.finance.1\n", "line 1.header")]
    [InlineData("creditCode,officerId\n", "line 2.body")]
    public async Task Import_OneBadRow_400NamingLineAndFieldNothingStored(string template, string field)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var admin = await api.SignInAsync("admin");

        var answer = await ImportAsync(admin, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ApiHarness.ValidCreditCode, Other));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.IsProblem);
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), answer.Text);
        Assert.Equal(0, (await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/designated-officers")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Import_NotCsv_RefusedAsAProblemNothingStored()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var admin = await api.SignInAsync("admin");

        var answer = await ApiHarness.SendAsync(admin, HttpMethod.Post, "/api/admin/designated-officers/import", new { creditCode = ApiHarness.ValidCreditCode });

        // The function answers 415 itself, under either host (neither selects functions by content type).
        Assert.True(answer.Status == HttpStatusCode.UnsupportedMediaType, answer.Text);
        Assert.True(answer.IsProblem);
        Assert.Equal(0, (await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/designated-officers")).Json.GetArrayLength());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task ManagePage_CsvUpload_ListsTheDesignationsAndABadLineIsRefusedInThePageLanguage(string? language)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var admin = await AdminPageClientAsync(api, language);

        using var bad = await UploadAsync(admin, $"creditCode,officerId\n{ApiHarness.ValidCreditCode},officer.finance.2\n{Other},head.finance\n");
        var refused = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        using var good = await UploadAsync(admin, $"企业名称,creditCode,officerId\n示例,{ApiHarness.ValidCreditCode},officer.finance.2\n");
        var page = await admin.GetStringAsync(new Uri("/manage", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(language is null ? "第3行：" : "Line 3: ", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("data-testid=\"designated-officers\"", page, StringComparison.Ordinal);
        Assert.Contains($"<td>{ApiHarness.ValidCreditCode}</td><td>孙平 (officer.finance.2)</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Other, page, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string csv)
    {
        var html = await admin.GetStringAsync(new Uri("/manage", UriKind.Relative));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "designated.csv" },
        };
        return await admin.PostAsync(new Uri("/manage?handler=Designated", UriKind.Relative), form);
    }

    /// <summary>The administrator's browser: bearer token, cookies (anti-forgery), the page language asked for.</summary>
    private static async Task<HttpClient> AdminPageClientAsync(ApiHarness api, string? language)
    {
        var issued = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, "/api/dev/token", new { user = "admin" });
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = api.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued.Json.GetProperty("accessToken").GetString());
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    /// <summary>The enterprise's tracking page, opened with the ticket's number and code as a browser would.</summary>
    private static async Task<string> TrackPageAsync(ApiHarness api, Submitted ticket, string language)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = api.App.BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var form = await client.GetStringAsync(new Uri("/track", UriKind.Relative));
        using var open = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value,
            ["ticketNumber"] = ticket.Number,
            ["trackingCode"] = ticket.TrackingCode,
        });
        using var opened = await client.PostAsync(new Uri("/track?handler=Open", UriKind.Relative), open);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return await client.GetStringAsync(new Uri("/track/" + ticket.Number, UriKind.Relative));
    }

    private static async Task<string?> OfficerOfAsync(HttpClient staff, string number) =>
        (await ApiHarness.SendAsync(staff, HttpMethod.Get, $"/api/staff/tickets/{number}")).Json.GetProperty("officerId").GetString();

    private static async Task<Answer> ImportAsync(HttpClient admin, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await admin.PostAsync(new Uri("/api/admin/designated-officers/import", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new Answer(response.StatusCode, json, null, response.Content.Headers.ContentType?.MediaType, text);
    }
}
