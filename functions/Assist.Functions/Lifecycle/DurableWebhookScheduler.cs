using Assist.Storage.Webhooks;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Lifecycle;

/// <summary>
/// Starts a delivery's orchestration. Its instance id is the delivery's own, and any instance already there (running,
/// done, failed or terminated) is kept: a delivery is started once however often it is scheduled.
/// </summary>
public sealed class DurableWebhookScheduler(DurableClients clients, IOptions<WebhookOptions> options) : IWebhookScheduler
{
    private static readonly OrchestrationRuntimeStatus[] KeepWhen =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    public async Task ScheduleAsync(WebhookDeliveryRef delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value;
        var task = new WebhookDeliveryTask(delivery, Math.Max(1, settings.MaxAttempts), settings.FirstRetryInterval, settings.MaxRetryInterval);
        var client = await clients.WhenKnownAsync(cancellationToken);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                WebhookOrchestration.Name,
                task,
                new StartOrchestrationOptions(InstanceId: WebhookOrchestration.InstanceId(delivery)).WithDedupeStatuses(KeepWhen),
                cancellationToken);
        }
        catch (Exception exception) when (IsAlreadyThere(exception))
        {
            // Scheduled before: that is a success.
        }
    }

    private static bool IsAlreadyThere(Exception exception) => exception switch
    {
        global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException => true,
        RpcException { StatusCode: StatusCode.AlreadyExists } => true,
        InvalidOperationException { InnerException: { } inner } => IsAlreadyThere(inner),
        _ => false,
    };
}
