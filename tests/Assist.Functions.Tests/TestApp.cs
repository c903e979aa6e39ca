using Assist.LocalHost;
using Assist.Functions.Lifecycle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests;

/// <summary>
/// The real app on a real Kestrel on a free loopback port, with settings a test chooses, and an HttpClient for it.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Waits until the ticket orchestrations have looked at every submission answered so far (projected it onto desks,
    /// queues, inboxes and reports), as a user who looks a moment later would find them.
    /// </summary>
    public async Task DispatchedAsync()
    {
        var settled = await Services.GetRequiredService<LifecycleMonitor>().WhenSettledAsync(TimeSpan.FromSeconds(90));
        Xunit.Assert.True(settled, "The ticket orchestrations did not look at every submission within 90 s.");
    }

    public static async Task<TestApp> StartAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--environment", "Development",
            // The engine as a developer runs it (local.settings.sample.json): idle queues polled every second, and
            // two control queues per test app (dozens of apps share one Azurite in a test run).
            "--AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval=00:00:01",
            "--AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount=2",
        };
        foreach (var (key, value) in settings)
        {
            args.Add($"--{key}={value}");
        }

        var app = LocalHostApp.Build([.. args], configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestApp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
