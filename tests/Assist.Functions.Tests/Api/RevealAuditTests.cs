using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assist.Functions.Api.Staff;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// The audit of mobile reveals: supervisors and administrators read it (API and page, newest first, per ticket,
/// a page at a time), and a reveal on the ticket page is post-redirect-get, so a reload neither reveals nor logs.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed partial class RevealAuditTests(AzuriteFixture storage)
{
    [Fact]
    public async Task ListReveals_RevealsOnTwoTickets_NewestFirstWithWhoRoleAndTicketFilteredAndPaged()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var plain = await api.SubmitAsync();
        var secret = await api.SubmitAsync(ApiHarness.Form(confidential: true));
        var officer = await api.SignInAsync(await api.OfficerOfAsync(plain.Number));
        var supervisor = await api.SignInAsync("supervisor.1");
        var admin = await api.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await ApiHarness.SendAsync(officer, HttpMethod.Post, $"/api/staff/tickets/{plain.Number}/reveal-mobile")).Status);
        await api.MoveClockAsync(new { advance = "PT1M" });
        Assert.Equal(HttpStatusCode.OK, (await ApiHarness.SendAsync(supervisor, HttpMethod.Post, $"/api/staff/tickets/{secret.Number}/reveal-mobile")).Status);

        var all = await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/staff/reveals");
        var first = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/reveals?pageSize=1");
        var second = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/reveals?pageSize=1&continuationToken=" + Uri.EscapeDataString(first.Json.GetProperty("continuationToken").GetString()!));
        var ofPlain = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, $"/api/staff/reveals?ticket={plain.Number}");

        Assert.Equal(HttpStatusCode.OK, all.Status);
        var items = all.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([secret.Number, plain.Number], items.Select(i => i.GetProperty("ticketNumber").GetString()));
        Assert.Equal("supervisor.1", items[0].GetProperty("userId").GetString());
        Assert.Equal("沈涛", items[0].GetProperty("userName").GetString());
        Assert.Equal("Supervisor", items[0].GetProperty("role").GetString());
        Assert.Equal("LiaisonOfficer", items[1].GetProperty("role").GetString());
        Assert.Equal("finance", items[1].GetProperty("departmentId").GetString());
        Assert.True(items[0].GetProperty("at").GetDateTimeOffset() > items[1].GetProperty("at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, all.Json.GetProperty("continuationToken").ValueKind);
        Assert.Equal(secret.Number, Assert.Single(first.Json.GetProperty("items").EnumerateArray()).GetProperty("ticketNumber").GetString());
        Assert.Equal(plain.Number, Assert.Single(second.Json.GetProperty("items").EnumerateArray()).GetProperty("ticketNumber").GetString());
        Assert.Equal(JsonValueKind.Null, second.Json.GetProperty("continuationToken").ValueKind);
        Assert.Equal(plain.Number, Assert.Single(ofPlain.Json.GetProperty("items").EnumerateArray()).GetProperty("ticketNumber").GetString());
        Assert.DoesNotContain("13800138000", all.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ticket=%3Cscript%3E", "ticket")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("continuationToken=not-a-token", "continuationToken")]
    [InlineData("continuationToken=9999999999999999999-0123456789abcdef0123456789abcdef", "continuationToken")]
    public async Task ListReveals_BadQuery_Answers400ProblemNamingTheParameter(string query, string field)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var supervisor = await api.SignInAsync("supervisor.1");

        var answer = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, "/api/staff/reveals?" + query, language: "en");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.IsProblem, answer.Text);
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), answer.Text);
    }

    [Fact]
    public async Task RevealOnTicketPage_PostRedirectGet_ShowsTheMobileOnceAndAReloadLogsNothing()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync();
        using var browser = Browser(api, await TokenAsync(api, await api.OfficerOfAsync(ticket.Number)));
        var page = await browser.GetStringAsync($"/staff/tickets/{ticket.Number}");
        var token = AntiforgeryField().Match(page).Groups[1].Value;

        using var post = await browser.PostAsync(
            $"/staff/tickets/{ticket.Number}?handler=Reveal",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        var location = post.Headers.Location?.OriginalString;
        var shown = await browser.GetStringAsync(location);
        var reloaded = await browser.GetStringAsync(location);
        var audit = await api.App.Services.GetRequiredService<MobileRevealAudit>().ListAsync(ticket.Number, 50, null, CancellationToken.None);

        Assert.True(post.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.Found, $"{(int)post.StatusCode}");
        Assert.Equal($"/staff/tickets/{ticket.Number}", location);
        Assert.DoesNotContain("13800138000", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"mobile-revealed\">13800138000<", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", reloaded, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"mobile-masked\">138****8000<", reloaded, StringComparison.Ordinal);
        Assert.Single(audit.Items);
    }

    [Theory]
    [InlineData("supervisor.1", "zh-CN", HttpStatusCode.OK, "号码查看记录")]
    [InlineData("admin", "en", HttpStatusCode.OK, "Mobile reveals")]
    [InlineData("officer.finance.1", "zh-CN", HttpStatusCode.Forbidden, "无权访问")]
    [InlineData("hq.leader", "en", HttpStatusCode.Forbidden, "")]
    public async Task RevealsPage_AsCaller_ListsRevealsForSupervisorsAndAdministratorsOnly(string user, string language, HttpStatusCode expected, string text)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync();
        var supervisor = await api.SignInAsync("supervisor.1");
        Assert.Equal(HttpStatusCode.OK, (await ApiHarness.SendAsync(supervisor, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/reveal-mobile")).Status);
        using var browser = Browser(api, await TokenAsync(api, user));
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var response = await browser.GetAsync("/staff/reveals");
        var html = await response.Content.ReadAsStringAsync();
        using var bad = await browser.GetAsync("/staff/reveals?ticket=%3Cx%3E");

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(text, html, StringComparison.Ordinal);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains($"data-testid=\"reveal-{ticket.Number}\"", html, StringComparison.Ordinal);
            Assert.Contains("沈涛", html, StringComparison.Ordinal);
            Assert.Contains(language == "en" ? "Supervisor" : "督查室", html, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"nav-reveals\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("13800138000", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
        }
    }

    private static async Task<string> TokenAsync(ApiHarness api, string user)
    {
        using var response = await api.Anonymous.PostAsync("/api/dev/token", ApiHarness.Json(JsonSerializer.Serialize(new { user })));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client that keeps cookies (anti-forgery, TempData) and does not follow redirects, signed in by bearer token.</summary>
    private static HttpClient Browser(ApiHarness api, string token)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = api.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
