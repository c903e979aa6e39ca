using Assist.Storage.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Lifecycle;

/// <summary>The delivery orchestration's activities: one attempt, and marking a delivery failed.</summary>
public sealed class WebhookActivities(WebhookSender sender)
{
    public const string Post = "PostWebhook";
    public const string GiveUp = "GiveUpWebhook";

    /// <summary>Throws when the receiver did not accept, so the orchestration's retry policy tries again.</summary>
    [Function(Post)]
    public Task<WebhookOutcome> PostAsync([ActivityTrigger] WebhookDeliveryRef delivery, CancellationToken cancellationToken) =>
        sender.AttemptAsync(delivery, cancellationToken);

    [Function(GiveUp)]
    public Task GiveUpAsync([ActivityTrigger] WebhookDeliveryRef delivery, CancellationToken cancellationToken) =>
        sender.GiveUpAsync(delivery, cancellationToken);
}
