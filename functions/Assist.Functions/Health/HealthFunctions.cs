using Assist.Functions.Api.OpenApi;
using Assist.Functions.Lifecycle;
using Assist.Functions.Triggers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Health;

/// <summary>
/// <c>GET /healthz</c>: 200 when every storage endpoint answers ("degraded" while a ticket orchestration's activity has
/// failed in the last minutes), 503 with the reason when one does not.
/// </summary>
public sealed class HealthFunctions(StorageProbe probe, TimerRunLog runs, LifecycleMonitor lifecycle, TimeProvider time)
{
    [Function("GetHealth")]
    [Tags("Operations")]
    [EndpointSummary("Reports whether the app can reach its storage.")]
    [AllowAnonymous]
    [Produces(StatusCodes.Status200OK, typeof(HealthReport))]
    [ProducesProblem(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IResult> GetHealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request, CancellationToken cancellationToken)
    {
        var storage = await probe.CheckAsync(cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var timers = runs.Snapshot().Values.ToDictionary(r => r.FunctionName, r => new { r.FiredAt, r.Succeeded });
        var down = storage.Where(e => !e.Reachable).ToList();
        if (down.Count == 0)
        {
            // A failing lifecycle activity (retried with backoff) is worth seeing, but the app still serves: degraded, 200.
            var failure = lifecycle.RecentFailure;
            return Results.Ok(new HealthReport(failure is null ? "healthy" : "degraded", time.GetUtcNow(), storage, timers, new LifecycleHealth(lifecycle.Looks, lifecycle.Failures, failure)));
        }

        return Results.Problem(
            title: "Storage is unreachable.",
            detail: string.Join("; ", down.Select(e => $"{e.Service} ({e.Endpoint}): {e.Reason}")),
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: "urn:assist:problems:storage-unavailable",
            extensions: new Dictionary<string, object?> { ["health"] = "unhealthy", ["storage"] = storage });
    }
}

/// <summary>The healthy answer.</summary>
public sealed record HealthReport(string Status, DateTimeOffset CheckedAt, IReadOnlyList<EndpointHealth> Storage, object Timers, LifecycleHealth Lifecycle);

/// <summary>This instance's looks at tickets and activity failures since start, and the last failure if it was recent.</summary>
public sealed record LifecycleHealth(long Looks, long ActivityFailures, string? RecentFailure);
