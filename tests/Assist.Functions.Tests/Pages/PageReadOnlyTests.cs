using System.Net;
using Assist.Functions.Tests.Api;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;
using static Assist.Functions.Tests.Pages.PageBehaviourTests;

namespace Assist.Functions.Tests.Pages;

/// <summary>One app on its own Azurite for the page tests that change nothing another of them reads.</summary>
public sealed class PageReadOnlyFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private ApiHarness? _api;

    public ApiHarness Api => _api!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _api = await ApiHarness.StartAsync(_azurite);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

/// <summary>
/// What the pages answer at the HTTP level where no test changes what another reads (no policy, directory or clock
/// change, no "nothing stored" check): sign-in redirects, start pages, the header, readable error pages, icons, file
/// pickers. They share one app; the rest of <see cref="PageBehaviourTests"/> needs an app of its own per test.
/// </summary>
public sealed class PageReadOnlyTests(PageReadOnlyFixture fixture) : IClassFixture<PageReadOnlyFixture>
{
    [Fact]
    public async Task StaffPage_Anonymous_RedirectsToTheDevelopmentSignIn()
    {
        var api = fixture.Api;
        using var client = NoRedirects(api);

        using var response = await client.GetAsync("/staff/overdue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dev/sign-in", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldAdminAddress_RedirectsPermanentlyToManage()
    {
        var api = fixture.Api;
        using var client = NoRedirects(api);

        using var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/manage", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AdminPage_Officer_GetsTheReadable403Page()
    {
        var api = fixture.Api;
        using var client = NoRedirects(api, await TokenAsync(api, "officer.finance.1"));

        using var response = await client.GetAsync("/manage");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("无权访问", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("supervisor.1", "/staff/overdue")]
    [InlineData("hq.leader", "/staff/overdue")]
    [InlineData("admin", "/manage")]
    public async Task DeskPage_StaffWithoutADesk_LandOnTheirOwnStartPageNot403(string user, string home)
    {
        var api = fixture.Api;
        using var client = NoRedirects(api, await TokenAsync(api, user));

        using var response = await client.GetAsync("/staff");
        using var landed = await client.GetAsync(response.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.DoesNotContain("无权访问", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeskPage_Officer_IsTheirDesk()
    {
        var api = fixture.Api;
        using var client = NoRedirects(api, await TokenAsync(api, "officer.finance.1"));

        using var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("我的工作台", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer.finance.1", "徐杰")]
    [InlineData("supervisor.1", "沈涛")]
    public async Task Header_SignedIn_ShowsTheDirectoryNameNotTheUserId(string user, string name)
    {
        var api = fixture.Api;
        using var client = NoRedirects(api, await TokenAsync(api, user));

        var html = await client.GetStringAsync("/staff/inbox");

        var shown = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"signed-in-user\"[^>]*>([^<]*)<");
        Assert.True(shown.Success, html);
        Assert.Equal(name, shown.Groups[1].Value);
    }

    [Fact]
    public async Task Favicon_LinkedFromTheLayout_IsServedAsAnIcon()
    {
        var api = fixture.Api;
        using var client = NoRedirects(api);

        var html = await client.GetStringAsync("/");
        var links = System.Text.RegularExpressions.Regex.Matches(html, "<link rel=\"icon\" href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        using var ico = await client.GetAsync("/favicon.ico");
        var icoBytes = await ico.Content.ReadAsByteArrayAsync();

        Assert.Contains("/favicon.ico", links);
        Assert.Contains("/favicon.svg", links);
        foreach (var link in links)
        {
            using var icon = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
            Assert.StartsWith("image/", icon.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal([0, 0, 1, 0], icoBytes[..4]);
        Assert.Contains("<svg", await client.GetStringAsync("/favicon.svg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilePickers_SubmitAndTrackingAnswer_AcceptExactlyTheTypesTheStoreAccepts()
    {
        var api = fixture.Api;
        var ticket = await api.SubmitAsync();
        var officer = await api.SignInAsync((await api.App.Services.GetRequiredService<Assist.Storage.Workflow.TicketService>().GetAsync(ticket.Number))!.State.OfficerId!);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "check-in", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, ticket.Number, "information-requests", new { question = "请补充近三个月的财务报表" })).Status);
        using var enterprise = await TrackingClientAsync(api, ticket);

        var pickers = new[] { await NoRedirects(api).GetStringAsync("/submit"), await enterprise.GetStringAsync("/track/" + ticket.Number) }
            .Select(html => System.Text.RegularExpressions.Regex.Match(html, "<input type=\"file\"[^>]*name=\"attachments\"[^>]*>"))
            .ToList();

        var accepted = Assist.Storage.Attachments.AttachmentTypes.All.SelectMany(t => t.Extensions).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(pickers, picker =>
        {
            Assert.True(picker.Success);
            var accept = System.Text.RegularExpressions.Regex.Match(picker.Value, "accept=\"([^\"]*)\"");
            Assert.True(accept.Success, picker.Value);
            var offered = accept.Groups[1].Value.Split(',');
            Assert.Equal(accepted.Count, offered.Length);
            Assert.All(offered, extension => Assert.NotNull(Assist.Storage.Attachments.AttachmentTypes.ClaimedBy("file" + extension)));
            Assert.True(accepted.SetEquals(offered), accept.Groups[1].Value);
        });
    }

    [Fact]
    public async Task UnknownPage_EnglishBrowser_Is404PageInEnglishWithSecurityHeaders()
    {
        var api = fixture.Api;
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
        var api = fixture.Api;

        using var response = await api.Anonymous.GetAsync("/api/no-such-endpoint");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TrackingPage_WithoutTheCookie_ShowsTheCodeFormNotTheTicket()
    {
        var api = fixture.Api;
        var ticket = await api.SubmitAsync();

        var html = await api.Anonymous.GetStringAsync("/track/" + ticket.Number);

        Assert.Contains("id=\"trackingCode\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("流动资金贷款审批迟迟没有结果", html, StringComparison.Ordinal);
    }

}
