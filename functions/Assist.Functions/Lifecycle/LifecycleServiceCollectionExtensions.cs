using Assist.Storage.Webhooks;
using Assist.Storage.Workflow;

namespace Assist.Functions.Lifecycle;

public static class LifecycleServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the ticket lifecycle needs in either host: the engine's settings (read from host.json as the
    /// Durable extension reads them), the monitor, the activities' class, the client source and the
    /// <see cref="ITicketLifecycle"/> the ticket use cases call, with its background scheduling of submissions, and the
    /// webhook deliveries' scheduler with its background pump. The
    /// engine itself is the host's: the Durable extension under the Functions host, the in-process engine of
    /// <c>Assist.LocalHost</c> without it.
    /// </summary>
    public static IServiceCollection AddAssistLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var prefix = configuration[$"{WorkflowOptions.SectionName}:{nameof(WorkflowOptions.StorageNamePrefix)}"];
        services.AddSingleton(DurableTaskSettings.From(configuration, prefix));
        services.AddSingleton<LifecycleMonitor>();
        services.AddSingleton<DurableClients>();
        services.AddSingleton<TicketActivities>();
        services.AddSingleton<DurableTicketLifecycle>();
        services.AddSingleton<ITicketLifecycle>(sp => sp.GetRequiredService<DurableTicketLifecycle>());
        services.AddHostedService<LifecycleScheduler>();
        services.AddSingleton<IWebhookScheduler, DurableWebhookScheduler>();
        services.AddSingleton<WebhookActivities>();
        services.AddHostedService<WebhookPump>();
        return services;
    }
}
