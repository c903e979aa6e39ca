using System.Xml;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Hosting;
using Assist.Functions.Lifecycle;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Assist.Functions.Api.Dev;

/// <summary>
/// Development only: bearer tokens for seeded users, the movable clock and the seeded directory for the sign-in
/// page. The Functions host serves these functions in every environment; outside Development each answers exactly
/// what an unknown path answers (404) and the OpenAPI document leaves them out (<see cref="DevelopmentOnlyAttribute"/>).
/// </summary>
[Tags("Development")]
[AllowAnonymous]
[DevelopmentOnly]
public sealed partial class DevFunctions(
    IHostEnvironment environment,
    DirectoryStore directory,
    ClockOffsetStore offsets,
    DurableTicketLifecycle lifecycle,
    LifecycleMonitor monitor,
    ILogger<DevFunctions> logger)
{
    /// <summary>How long the clock function waits for the woken orchestrations before it answers (Settled: false).</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    [Function("IssueDevToken")]
    [EndpointSummary("Issues a development bearer token for a seeded directory user.")]
    [RequestBody(typeof(DevTokenRequest))]
    [Produces(StatusCodes.Status200OK, typeof(DevToken))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType)]
    [EnableRateLimiting(ApiRateLimits.Public)]
    public async Task<IResult> IssueDevTokenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/token")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return Absent();
        }

        var body = await ApiJson.ReadAsync<DevTokenRequest>(request, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body.Value!.User) || body.Value.User.Length > 256)
        {
            return ApiProblems.Field(request, "user", "user.required", "Name a seeded user id, e.g. officer.finance.1.", "请填写已登记的用户编号，例如 officer.finance.1。");
        }

        var user = await directory.FindUserAsync(body.Value.User, cancellationToken);
        if (user is not { Active: true })
        {
            return ApiProblems.NotFound(request, $"Active user '{body.Value.User}'", $"在岗用户“{body.Value.User}”");
        }

        // Registered in Development only, as the clock is.
        var tokens = request.HttpContext.RequestServices.GetRequiredService<DevTokenService>();
        return Results.Ok(tokens.Issue(user.Id));
    }

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
            return Absent();
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

    [Function("ListSeededDirectory")]
    [EndpointSummary("Lists the directory's departments and users for the development sign-in.")]
    [Produces(StatusCodes.Status200OK, typeof(DevDirectory))]
    public async Task<IResult> ListSeededDirectoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/directory")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return Absent();
        }

        var snapshot = await directory.GetAsync(cancellationToken);
        var organization = snapshot.Organization;
        return Results.Ok(new DevDirectory(
            [.. organization.Departments.Where(d => d.Active).Select(d => new DevDirectoryDepartment(d.Id, d.Name, d.IsHqOffice))],
            [.. organization.Staff.Where(u => u.Active).OrderBy(u => u.DepartmentId, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal)
                .Select(u => new DevDirectoryUser(u.Id, u.Name, u.DepartmentId, [.. u.Roles.Select(r => r.ToString())]))]));
    }

    /// <summary>
    /// What a path the app does not serve answers: a bare 404, which the status-code pages turn into the same
    /// problem+json as for any unknown API path.
    /// </summary>
    private static IResult Absent() => Results.NotFound();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development clock moved to {Now} (offset {Offset}); waking the ticket orchestrations")]
    private static partial void LogClockMoved(ILogger logger, DateTimeOffset now, TimeSpan offset);
}
