namespace Assist.Storage.Webhooks;

/// <summary>
/// Starts the delivery of one logged delivery to one receiver: the function app's Durable orchestration, which posts
/// and retries with back-off. Starting it twice for the same (receiver, delivery) must start it once.
/// </summary>
public interface IWebhookScheduler
{
    Task ScheduleAsync(WebhookDeliveryRef delivery, CancellationToken cancellationToken = default);
}

/// <summary>Names one delivery to one receiver: its row in the receiver's delivery log.</summary>
public sealed record WebhookDeliveryRef(string SubscriptionId, string DeliveryId, string LogKey);
