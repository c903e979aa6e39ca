using Assist.Functions.Api.OpenApi;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Api.Dev;

/// <summary>
/// Development only: bearer tokens for seeded users and the seeded directory for the sign-in page (the movable clock is
/// <see cref="DevClockFunctions"/>). The Functions host serves these functions in every environment; outside Development each answers exactly
/// what an unknown path answers (404) and the OpenAPI document leaves them out (<see cref="DevelopmentOnlyAttribute"/>).
/// </summary>
[Tags("Development")]
[AllowAnonymous]
[DevelopmentOnly]
public sealed class DevFunctions(IHostEnvironment environment, DirectoryStore directory)
{
    [Function("IssueDevToken")]
    [EndpointSummary("Issues a development bearer token for a seeded directory user.")]
    [RequestBody(typeof(DevTokenRequest))]
    [Produces(StatusCodes.Status200OK, typeof(DevToken))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType)]
    [EnableRateLimiting(ApiRateLimits.Public)]
    public async Task<IResult> IssueDevTokenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/token")] HttpRequest request, CancellationToken cancellationToken)
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
    internal static IResult Absent() => Results.NotFound();
}
