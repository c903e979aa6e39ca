namespace Assist.Storage.Webhooks;

/// <summary>How a delivery to one receiver ended.</summary>
public enum WebhookOutcome
{
    Delivered,

    /// <summary>Not sent (any more): the receiver was deleted or switched off, or the log row is gone.</summary>
    Abandoned,

    /// <summary>Every attempt failed.</summary>
    Failed,
}
