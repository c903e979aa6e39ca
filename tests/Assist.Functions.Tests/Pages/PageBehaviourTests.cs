using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Functions.Tests.Api;
using Assist.Tests;

namespace Assist.Functions.Tests.Pages;

/// <summary>What the pages answer at the HTTP level: sign-in redirects, readable error pages, anti-forgery, headers.</summary>
[Collection(UsesAzurite.Name)]
public sealed class PageBehaviourTests(AzuriteFixture storage)
{
    [Fact]
    public async Task StaffPage_Anonymous_RedirectsToTheDevelopmentSignIn()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var client = NoRedirects(api);

        using var response = await client.GetAsync("/staff/overdue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dev/sign-in", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPage_Officer_GetsTheReadable403Page()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var client = NoRedirects(api, await TokenAsync(api, "officer.finance.1"));

        using var response = await client.GetAsync("/admin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("无权访问", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitPost_WithoutAntiforgeryToken_Is400PageAndNoTicket()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var client = NoRedirects(api);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.EnterpriseName"] = "x", ["Form.ConsentGiven"] = "true" });

        using var response = await client.PostAsync("/submit", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请求有误", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_EnglishBrowser_Is404PageInEnglishWithSecurityHeaders()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var client = NoRedirects(api);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        using var response = await client.GetAsync("/no-such-page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiPath_StillAnswersProblemJson()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);

        using var response = await api.Anonymous.GetAsync("/api/no-such-endpoint");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TrackingPage_WithoutTheCookie_ShowsTheCodeFormNotTheTicket()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync();

        var html = await api.Anonymous.GetStringAsync("/track/" + ticket.Number);

        Assert.Contains("id=\"trackingCode\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("流动资金贷款审批迟迟没有结果", html, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(ApiHarness api, string user)
    {
        using var response = await api.Anonymous.PostAsJsonAsync("/api/dev/token", new { user });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static HttpClient NoRedirects(ApiHarness api, string? token = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.App.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
