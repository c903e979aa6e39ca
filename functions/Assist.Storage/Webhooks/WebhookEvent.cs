namespace Assist.Storage.Webhooks;

/// <summary>
/// The body of a delivery, as JSON. Only what a gateway needs to tell staff (who, which ticket, what happened, when):
/// never the enterprise's name, credit code, contact or mobile, so a confidential ticket stays hidden whoever runs
/// the receiver. <see cref="DeliveryId"/> is the idempotency id: the same for every receiver and every retry.
/// </summary>
public sealed record WebhookEvent(
    string DeliveryId,
    string Kind,
    string? TicketNumber,
    int TicketVersion,
    string Title,
    string TitleZh,
    IReadOnlyList<string> Recipients,
    DateTimeOffset OccurredAt,
    DateTimeOffset NotifyAt,
    DateTimeOffset SentAt)
{
    /// <summary>The kind of a delivery an administrator sends to check a receiver ("send test").</summary>
    public const string TestKind = "WebhookTest";
}
