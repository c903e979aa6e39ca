using Assist.Storage.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Assist.Functions.Lifecycle;

/// <summary>
/// One delivery to one receiver (instance id <see cref="InstanceId"/>): post, and on failure post again with
/// exponential back-off (the Durable retry policy: durable timers, so a restart loses no attempt and holds no thread),
/// until the receiver accepts or the attempts run out, then mark the delivery failed. It runs apart from the ticket's
/// orchestration: a receiver that hangs or answers 500 costs its own attempts and nothing of the ticket's.
/// </summary>
public static class WebhookOrchestration
{
    public const string Name = "DeliverWebhook";

    [Function(Name)]
    public static async Task<WebhookOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, WebhookDeliveryTask task)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        var retried = TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: task.MaxAttempts,
            firstRetryInterval: task.FirstRetryInterval,
            backoffCoefficient: 2,
            maxRetryInterval: task.MaxRetryInterval));
        try
        {
            return await context.CallActivityAsync<WebhookOutcome>(WebhookActivities.Post, task.Delivery, retried);
        }
        catch (TaskFailedException)
        {
            await context.CallActivityAsync(WebhookActivities.GiveUp, task.Delivery);
            return WebhookOutcome.Failed;
        }
    }

    /// <summary>The delivery's own instance id: scheduling it again (a ticket projected twice) starts nothing new.</summary>
    public static string InstanceId(WebhookDeliveryRef delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return $"webhook-{delivery.SubscriptionId}-{delivery.DeliveryId}";
    }
}
