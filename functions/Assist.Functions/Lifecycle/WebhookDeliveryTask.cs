using Assist.Storage.Webhooks;

namespace Assist.Functions.Lifecycle;

/// <summary>
/// The input of one delivery's orchestration: which log row to deliver and how to retry, fixed when it is scheduled so
/// the orchestrator stays deterministic. Ids and durations only: Durable history is plain text and kept.
/// </summary>
public sealed record WebhookDeliveryTask(WebhookDeliveryRef Delivery, int MaxAttempts, TimeSpan FirstRetryInterval, TimeSpan MaxRetryInterval);
