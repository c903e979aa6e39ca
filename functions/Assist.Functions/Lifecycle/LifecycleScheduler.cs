namespace Assist.Functions.Lifecycle;

/// <summary>Runs <see cref="DurableTicketLifecycle.RunAsync"/>: schedules handed-over submissions in the background.</summary>
public sealed class LifecycleScheduler(DurableTicketLifecycle lifecycle) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => lifecycle.RunAsync(stoppingToken);
}
