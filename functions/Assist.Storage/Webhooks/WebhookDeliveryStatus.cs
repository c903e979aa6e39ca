namespace Assist.Storage.Webhooks;

/// <summary>Where one delivery to one receiver stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Scheduled, or failed so far and waiting for its next attempt.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed, or the receiver was removed or switched off meanwhile.</summary>
    Failed,
}
