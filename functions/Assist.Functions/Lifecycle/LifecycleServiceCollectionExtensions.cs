using Assist.Storage;
using Assist.Storage.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;

namespace Assist.Functions.Lifecycle;

public static class LifecycleServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ticket lifecycle on Durable Task: the in-process engine (<see cref="DurableEngine"/>), a worker
    /// running <see cref="TicketOrchestration"/> and <see cref="TicketActivities"/>, a client, and the
    /// <see cref="ITicketLifecycle"/> the ticket use cases call. Call after the storage and workflow registrations
    /// and after the hosted service that creates storage, so the engine starts once storage is there.
    /// </summary>
    public static IServiceCollection AddAssistLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var prefix = configuration[$"{WorkflowOptions.SectionName}:{nameof(WorkflowOptions.StorageNamePrefix)}"];
        var settings = DurableTaskSettings.From(configuration, prefix);
        services.AddSingleton(settings);
        services.AddSingleton<LifecycleMonitor>();
        services.AddSingleton(sp => new DurableEngine(settings, StorageOptions.From(configuration), sp.GetRequiredService<ILoggerFactory>()));
        // Before the worker's hosted service: the sidecar listens before the worker connects.
        services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        services.AddSingleton<TicketActivities>();
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry =>
            {
                registry.AddOrchestratorFunc<TicketLifecycle, TicketStep>(TicketOrchestration.Name, TicketOrchestration.RunAsync);
                registry.AddActivity(TicketActivities.Route, sp => new RouteActivity(sp.GetRequiredService<TicketActivities>()));
                registry.AddActivity(TicketActivities.Advance, sp => new AdvanceActivity(sp.GetRequiredService<TicketActivities>()));
            });
            worker.UseGrpc();
        });
        services.AddOptions<Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorkerOptions>(Microsoft.Extensions.Options.Options.DefaultName).Configure<DurableEngine>((options, engine) =>
        {
            options.Channel = engine.Channel;
            // The in-process sidecar sends no keep-alive: without this the worker would reconnect every two minutes.
            options.SetSilentDisconnectTimeout(TimeSpan.Zero);
        });
        services.AddDurableTaskClient(client => client.UseGrpc());
        services.AddOptions<Microsoft.DurableTask.Client.Grpc.GrpcDurableTaskClientOptions>(Microsoft.Extensions.Options.Options.DefaultName).Configure<DurableEngine>((options, engine) => options.Channel = engine.Channel);
        services.AddSingleton<DurableTicketLifecycle>();
        services.AddSingleton<ITicketLifecycle>(sp => sp.GetRequiredService<DurableTicketLifecycle>());
        services.AddHostedService<LifecycleScheduler>();
        return services;
    }

    /// <summary>The activities as the Durable Task worker calls them (the Functions worker calls the methods directly).</summary>
    private sealed class RouteActivity(TicketActivities activities) : TaskActivity<string, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, string input) =>
            activities.RouteAsync(input, CancellationToken.None);
    }

    private sealed class AdvanceActivity(TicketActivities activities) : TaskActivity<string, TicketStep>
    {
        public override Task<TicketStep> RunAsync(TaskActivityContext context, string input) =>
            activities.AdvanceAsync(input, CancellationToken.None);
    }
}
