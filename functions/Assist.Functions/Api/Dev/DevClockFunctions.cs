using System.Xml;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Hosting;
using Assist.Functions.Lifecycle;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Assist.Functions.Api.Dev;

/// <summary>
/// Development only: the movable clock. Moving it persists the offset (every instance reads it at start) and wakes every
/// open ticket's orchestration, which looks at its ticket on the moved clock; outside Development it answers as an
/// unknown path (<see cref="DevelopmentOnlyAttribute"/>).
/// </summary>
[Tags("Development")]
[AllowAnonymous]
[DevelopmentOnly]
public sealed partial class DevClockFunctions(
    IHostEnvironment environment,
    ClockOffsetStore offsets,
    DurableTicketLifecycle lifecycle,
    LifecycleMonitor monitor,
    ILogger<DevClockFunctions> logger)
{
    /// <summary>How long the clock function waits for the woken orchestrations before it answers (Settled: false).</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    [Function("MoveDevClock")]
    [EndpointSummary("Moves the development clock forward, wakes every open ticket's orchestration and waits until they have looked.")]
    [RequestBody(typeof(DevClockRequest))]
    [Produces(StatusCodes.Status200OK, typeof(DevClockAnswer))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> MoveDevClockAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/clock")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return DevFunctions.Absent();
        }

        // Registered in Development only, as the token service is.
        var clock = request.HttpContext.RequestServices.GetRequiredService<AdjustableTimeProvider>();
        var body = await ApiJson.ReadAsync<DevClockRequest>(request, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var move = body.Value!;
        if ((move.Advance is null) == (move.Now is null))
        {
            return ApiProblems.Field(request, "advance", "clock.one-of", "Send either advance (e.g. PT26H) or now (an ISO 8601 instant).", "请提供 advance（例如 PT26H）或 now（ISO 8601 时间）之一。");
        }

        try
        {
            if (move.Advance is { } advance)
            {
                TimeSpan by;
                try
                {
                    by = XmlConvert.ToTimeSpan(advance);
                }
                catch (FormatException)
                {
                    return ApiProblems.Field(request, "advance", "clock.duration", "advance must be an ISO 8601 duration such as PT26H or P3D.", "advance 须为 ISO 8601 时长，例如 PT26H 或 P3D。");
                }

                clock.Advance(by);
            }
            else
            {
                clock.SetUtcNow(move.Now!.Value);
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            return ApiProblems.Field(request, move.Advance is null ? "now" : "advance", "clock.backwards", "The clock only moves forward.", "时钟只能向前调整。");
        }

        await offsets.SaveAsync(clock.Offset, cancellationToken);
        LogClockMoved(logger, clock.GetUtcNow(), clock.Offset);
        // Orchestrations never read this clock: each woken one looks at its ticket, on this clock, and waits anew.
        var firedBefore = monitor.TimersFired;
        var woken = await lifecycle.WakeAllAsync(cancellationToken);
        var settled = await monitor.WhenSettledAsync(woken, SettleTimeout, cancellationToken);
        return Results.Ok(new DevClockAnswer(clock.GetUtcNow(), clock.Offset, woken.Count, settled, monitor.TimersFired - firedBefore));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development clock moved to {Now} (offset {Offset}); waking the ticket orchestrations")]
    private static partial void LogClockMoved(ILogger logger, DateTimeOffset now, TimeSpan offset);
}
