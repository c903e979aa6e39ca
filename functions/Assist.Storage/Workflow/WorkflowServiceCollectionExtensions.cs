using System.Net;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assist.Storage.Workflow;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: the storage SDK clients (<see cref="StorageServiceCollectionExtensions.AddAssistStorage"/>:
    /// section <c>Storage</c>, falling back to <c>AzureWebJobsStorage</c>),
    /// <see cref="WorkflowStorage"/>, <see cref="TicketService"/>, <see cref="ReadModelStore"/>,
    /// <see cref="DirectoryStore"/>, <see cref="AttachmentStore"/>, <see cref="IOutboxDispatcher"/>,
    /// <see cref="ScheduleMarkers"/>, the webhook receivers (<see cref="WebhookStore"/>, <see cref="WebhookOutbox"/>, which
    /// queues only once the host registers an <see cref="IWebhookScheduler"/>, and <see cref="WebhookSender"/>) and options
    /// (sections <c>Workflow</c>, <c>Attachments</c> and <c>Webhooks</c>). A <see cref="TimeProvider"/> registered before wins.
    /// </summary>
    public static IServiceCollection AddAssistWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.SectionName));
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddAssistStorage(configuration);
        services.TryAddSingleton<WorkflowStorage>();
        services.TryAddSingleton<DirectoryStore>();
        services.TryAddSingleton<ReadModelStore>();
        services.TryAddSingleton<AttachmentStore>();
        services.TryAddSingleton<IOutboxDispatcher, OutboxDispatcher>();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName));
        services.TryAddSingleton<WebhookStore>();
        services.TryAddSingleton(sp => new WebhookOutbox(
            sp.GetRequiredService<WorkflowStorage>(),
            sp.GetRequiredService<WebhookStore>(),
            sp.GetService<IWebhookScheduler>(),
            sp.GetRequiredService<IOptions<WebhookOptions>>().Value.HandOverLease));
        // Built by hand: the sender signs with the machine's real time, never the app clock a TimeProvider registration gives.
        services.TryAddSingleton(sp => new WebhookSender(
            sp.GetRequiredService<WorkflowStorage>(),
            sp.GetRequiredService<WebhookStore>(),
            CreateWebhookClient(),
            sp.GetRequiredService<IOptions<WebhookOptions>>()));
        services.TryAddSingleton<ScheduleMarkers>();
        services.TryAddSingleton<ClockOffsetStore>();
        services.TryAddSingleton<TicketService>();
        return services;
    }

    // One long-lived client; pooled connections are recycled so DNS changes of the receiver are picked up. Each
    // attempt has its own timeout (WebhookOptions.Timeout); redirects are not followed (a receiver answers itself).
    private static HttpClient CreateWebhookClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
