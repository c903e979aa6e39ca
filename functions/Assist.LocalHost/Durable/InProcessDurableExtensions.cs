using Assist.Functions.Lifecycle;
using Assist.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;

namespace Assist.LocalHost.Durable;

public static class InProcessDurableExtensions
{
    /// <summary>
    /// The Durable extension's part, played in-process: the engine (<see cref="DurableEngine"/>, the Azure Storage
    /// provider on the app's storage), a Microsoft.DurableTask worker running the app's orchestration and activity
    /// functions, and the client that <c>[DurableClient]</c> parameters and the ticket lifecycle get. Call after the
    /// app's own registrations (<c>AddAssist</c>), whose start-up hosted service creates storage before the engine starts.
    /// </summary>
    public static IServiceCollection AddInProcessDurableEngine(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<DurableFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(sp => new DurableEngine(sp.GetRequiredService<DurableTaskSettings>(), StorageOptions.From(configuration), sp.GetRequiredService<ILoggerFactory>()));
        // Before the worker's hosted service: the sidecar listens before the worker connects.
        services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry => DurableFunction.Register(registry, functions));
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
        // The client is known from the start here (under the Functions host it arrives with a [DurableClient] binding).
        services.AddSingleton(sp =>
        {
            var clients = new DurableClients();
            clients.Publish(sp.GetRequiredService<DurableTaskClient>());
            return clients;
        });
        return services;
    }
}
