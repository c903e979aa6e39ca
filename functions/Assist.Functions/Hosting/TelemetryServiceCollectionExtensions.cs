namespace Assist.Functions.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="TelemetryPipeline"/> and builds it when the host starts, before the first
    /// request, so request activities are sampled from the start.
    /// </summary>
    public static IServiceCollection AddAssistTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(TelemetrySettings.From(configuration));
        services.AddSingleton<TelemetryPipeline>();
        services.AddHostedService<TelemetryStartup>();
        return services;
    }

    /// <summary>Resolving the pipeline is what starts its listeners; the container disposes it at shutdown.</summary>
    private sealed class TelemetryStartup(TelemetryPipeline pipeline) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(pipeline);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            pipeline.ForceFlush(5_000);
            return Task.CompletedTask;
        }
    }
}
