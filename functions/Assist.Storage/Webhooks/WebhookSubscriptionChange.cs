namespace Assist.Storage.Webhooks;

/// <summary>What an administrator sets on a receiver (checked by the caller: an absolute URL, known kinds).</summary>
public sealed record WebhookSubscriptionChange(string Name, Uri Url, IReadOnlyList<string> Events, bool Active);
