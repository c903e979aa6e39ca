using System.Net.Http.Json;
using System.Text.Json;
using Assist.Functions.Tests.Api;
using Assist.Storage.Workflow;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assist.Functions.Tests.Browser;

/// <summary>
/// One Azurite, one app on a real Kestrel (development clock starting on a plain Monday) and one headless Debian
/// Chromium for the whole collection; each test opens its own browser context (own cookies, own language).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Monday 2 March 2026, 09:00 Beijing time: an ordinary working week.</summary>
    public const string ClockStart = "2026-03-02T09:00:00+08:00";

    private AzuriteInstance? _azurite;
    private ApiHarness? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ApiHarness Api => _api ?? throw new InvalidOperationException("The app has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public string BaseUrl => Api.App.BaseAddress.ToString().TrimEnd('/');

    public static string ScreenshotFolder { get; } = RepositoryPaths.Combine("tests", "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: scripts/test installs it (apt-get install -y chromium).");
        }

        _azurite = await AzuriteInstance.StartAsync();
        _api = await ApiHarness.StartAsync(_azurite, new Dictionary<string, string?> { ["DevClock:Start"] = ClockStart });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh context: no cookies, the given browser language, a desktop or a phone-width window.</summary>
    public async Task<IPage> NewPageAsync(string locale = "zh-CN", bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>Signs in on the development page by clicking the user, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string user)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/dev/sign-in");
        await page.GetByTestId("sign-in-" + user).ClickAsync();
        await page.GetByTestId("signed-in-user").WaitForAsync();
    }

    public async Task<TicketRecord> TicketAsync(string number) =>
        await Api.App.Services.GetRequiredService<TicketService>().GetAsync(number) ?? throw new InvalidOperationException($"No ticket {number}.");

    public async Task<JsonElement> MoveClockAsync(string now)
    {
        using var response = await Api.Anonymous.PostAsJsonAsync("/api/dev/clock", new { now });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
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

[CollectionDefinition(Name)]
public sealed class UsesBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
