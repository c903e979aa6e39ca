namespace Assist.Storage.Webhooks;

/// <summary>One line of a receiver's delivery log: what was sent and how its attempts went.</summary>
public sealed record WebhookDeliveryRecord(
    string DeliveryId,
    string Kind,
    string? TicketNumber,
    WebhookDeliveryStatus Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? DeliveredAt);
