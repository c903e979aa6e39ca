using Assist.Storage.Webhooks;

namespace Assist.Functions.Lifecycle;

/// <summary>Runs <see cref="WebhookOutbox.PumpAsync"/>: turns this process's queued notifications into deliveries as they come.</summary>
public sealed class WebhookPump(WebhookOutbox outbox) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => outbox.PumpAsync(stoppingToken);
}
