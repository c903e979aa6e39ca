using Assist.Functions.Api.OpenApi;
using Assist.Functions.Lifecycle;
using Assist.Functions.Security;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Assist.Functions.Api.Admin;

/// <summary>For administrators: the ticket orchestrations' backlog, and rebuilding every projection from the events.</summary>
[Tags("Administration")]
[Authorize(Policy = AssistPolicies.Administrators)]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status403Forbidden)]
public sealed class AdminLifecycleFunctions(
    TicketService tickets,
    ScheduleMarkers markers,
    DurableTicketLifecycle lifecycle,
    LifecycleMonitor monitor,
    DurableTaskSettings engine)
{
    [Function("GetLifecycleStatus")]
    [EndpointSummary("The ticket orchestrations' backlog: submissions not yet scheduled, looks not yet done, activity failures.")]
    [Produces(StatusCodes.Status200OK, typeof(LifecycleStatus))]
    public async Task<IResult> GetLifecycleStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/lifecycle")] HttpRequest request, CancellationToken cancellationToken)
    {
        var delays = monitor.ScheduleDelays.Select(d => d.TotalMilliseconds).Order().ToList();
        double? Percentile(double p) => delays.Count == 0 ? null : delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(p * delays.Count) - 1)];
        return Results.Ok(new LifecycleStatus(
            engine.HubName,
            engine.PartitionCount,
            await markers.CountPendingAsync(cancellationToken),
            lifecycle.Queued,
            monitor.Awaited,
            monitor.Failures,
            monitor.RecentFailure,
            Percentile(0.50),
            Percentile(0.95)));
    }

    [Function("RebuildProjections")]
    [EndpointSummary("Rebuilds every read model and counter from the events (scans tickets).")]
    [Produces(StatusCodes.Status200OK, typeof(RebuildAnswer))]
    public async Task<IResult> RebuildProjectionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/projections/rebuild")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var report = await tickets.RebuildProjectionsAsync(cancellationToken);
        return Results.Ok(new RebuildAnswer(report.Tickets, report.Rows));
    }
}
