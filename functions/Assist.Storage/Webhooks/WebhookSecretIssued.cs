namespace Assist.Storage.Webhooks;

/// <summary>A receiver with the secret just issued for it: the one answer that carries the secret.</summary>
public sealed record WebhookSecretIssued(WebhookSubscription Subscription, string Secret);
