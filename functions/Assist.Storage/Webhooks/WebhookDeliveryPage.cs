namespace Assist.Storage.Webhooks;

/// <summary>A page of a receiver's delivery log, newest first; pass <see cref="ContinuationToken"/> back for the next (null: no more).</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryRecord> Items, string? ContinuationToken);
