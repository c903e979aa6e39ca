using Assist.Functions;
using Assist.Storage.Workflow;
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
    /// Waits until the submissions answered so far are dispatched (projected onto desks, queues, inboxes and
    /// reports), as a user who looks a moment later would find them.
    /// </summary>
    public Task DispatchedAsync() => Services.GetRequiredService<BackgroundDispatcher>().WhenIdleAsync();

    public static async Task<TestApp> StartAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--environment", "Development" };
        foreach (var (key, value) in settings)
        {
            args.Add($"--{key}={value}");
        }

        var app = AssistApp.Build([.. args], configure);
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
