using Assist.Functions.Hosting;
using Assist.Functions.Lifecycle;
using Assist.LocalHost.Durable;
using Assist.Storage;
using Assist.Storage.Pipeline;
using Azure.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assist.Bench.Harness;

/// <summary>
/// The bare engine Assist is measured against: the app's own <see cref="DurableEngine"/> (the Azure Storage provider
/// behind the in-process sidecar, with the app's host.json settings) and the Microsoft.DurableTask worker and client
/// wired as <see cref="LifecycleServiceCollectionExtensions"/> wires them, in this process on its own task hub. It runs
/// the app's own <see cref="TicketOrchestration"/> (route, look, then a durable timer raced against a wake-up, look
/// again) with a no-op route and a no-op look in place of RouteTicket and AdvanceTicket: the bench's <c>look</c> says what each look found. What is left is the
/// engine's own cost of a ticket's shape.
/// </summary>
internal sealed class BareEngine : IAsyncDisposable
{
    public const string HubName = "BareHub";

    /// <summary>Schedule calls in flight at once: as many as the app makes after its 201s (DurableTicketLifecycle).</summary>
    public const int ScheduleConcurrency = 8;

    private readonly IHost _host;

    private BareEngine(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    /// <summary>
    /// The app's engine settings: its host.json (beside this program, copied from the app) with <paramref name="appSettings"/>
    /// (environment-style keys, as the app process gets them) on top, on the bare task hub.
    /// </summary>
    public static DurableTaskSettings Settings(IReadOnlyDictionary<string, string> appSettings)
    {
        var configuration = new ConfigurationBuilder()
            .AddHostJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"))
            .AddInMemoryCollection(appSettings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)))
            .Build();
        return DurableTaskSettings.From(configuration) with { HubName = HubName };
    }

    /// <param name="look">What each look of an instance (by id) finds: how long to wait, whether the "ticket" closed.</param>
    /// <param name="configureClients">Adjusts the provider's storage clients (an <see cref="EngineMeter"/>), or null.</param>
    public static async Task<BareEngine> StartAsync(
        string connectionString,
        DurableTaskSettings settings,
        Func<string, TicketStep> look,
        Action<ClientOptions, StorageServiceKind>? configureClients,
        CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        // The provider warns of races it resolves itself (a start message seen before its instance row): the app keeps
        // those in its log; here they would only clutter the results.
        builder.Logging.AddFilter("DurableTask", LogLevel.Error);
        builder.Services.AddSingleton(sp => new DurableEngine(settings, new StorageOptions { ConnectionString = connectionString }, sp.GetRequiredService<ILoggerFactory>(), configureClients));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry =>
            {
                registry.AddOrchestratorFunc<TicketLifecycle, TicketStep>(TicketOrchestration.Name, TicketOrchestration.RunAsync);
                // The same two activities as the app's, doing nothing: route (once, first), then look.
                registry.AddActivityFunc<string, int>(TicketActivities.Route, (_, _) => Task.FromResult(1));
                registry.AddActivityFunc<string, TicketStep>(TicketActivities.Advance, (_, ticket) => look(ticket));
            });
            worker.UseGrpc();
        });
        builder.Services.AddOptions<Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<DurableEngine>((options, engine) =>
        {
            options.Channel = engine.Channel;
            options.SetSilentDisconnectTimeout(TimeSpan.Zero);
        });
        builder.Services.AddDurableTaskClient(client => client.UseGrpc());
        builder.Services.AddOptions<Microsoft.DurableTask.Client.Grpc.GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<DurableEngine>((options, engine) => options.Channel = engine.Channel);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new BareEngine(host);
    }

    /// <summary>What a no-op look answers: nothing happened, wait <paramref name="wait"/> (or until woken).</summary>
    public static TicketStep Step(string instance, TimeSpan wait, bool closed = false) =>
        new(instance, 1, closed, wait, DateTimeOffset.UtcNow, 0);

    public Task StartInstanceAsync(string instance, CancellationToken cancellationToken) =>
        Client.ScheduleNewOrchestrationInstanceAsync(TicketOrchestration.Name, new TicketLifecycle(instance), new StartOrchestrationOptions(instance), cancellationToken);

    /// <summary>Schedules <paramref name="instances"/>, <see cref="ScheduleConcurrency"/> calls at a time.</summary>
    public Task StartInstancesAsync(IEnumerable<string> instances, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            instances,
            new ParallelOptions { MaxDegreeOfParallelism = ScheduleConcurrency, CancellationToken = cancellationToken },
            async (instance, token) => await StartInstanceAsync(instance, token));

    /// <summary>The wake-up a command raises after it commits.</summary>
    public Task WakeAsync(string instance, CancellationToken cancellationToken) =>
        Client.RaiseEventAsync(instance, TicketOrchestration.WakeUpEvent, 0, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(15));
        // The engine is disposed asynchronously only (it removes its socket).
        await ((IAsyncDisposable)_host).DisposeAsync();
    }
}
