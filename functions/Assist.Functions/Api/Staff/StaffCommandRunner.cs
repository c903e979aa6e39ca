using System.Security.Claims;
using Assist.Domain.Tickets;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Workflow;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// The one path of every staff mutation: If-Match (428 without, 412 when stale), the JSON body, field checks,
/// may this caller see the ticket (403), then one command through <see cref="TicketService"/> built from the state
/// it is decided on, and the result as the staff view with the new version as ETag.
/// </summary>
public sealed class StaffCommandRunner(TicketService tickets)
{
    public async Task<IResult> RunAsync<TBody>(
        HttpContext http,
        string number,
        Func<TBody, RequestChecks, RequestChecks> check,
        Func<TBody, TicketState, ClaimsPrincipal, TicketCommand> command,
        CancellationToken cancellationToken,
        TBody? whenEmpty = null)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(command);
        var request = http.Request;
        var (expected, versionProblem) = TicketVersions.Read(request, required: true);
        if (versionProblem is not null)
        {
            return versionProblem;
        }

        TBody body;
        if (whenEmpty is not null && request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType))
        {
            body = whenEmpty;
        }
        else
        {
            var read = await ApiJson.ReadAsync<TBody>(request, cancellationToken);
            if (read.Problem is { } bad)
            {
                return bad;
            }

            body = read.Value!;
        }

        if (check(body, new RequestChecks()).Problem(request) is { } invalid)
        {
            return invalid;
        }

        var (record, problem) = await FindVisibleAsync(http, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await tickets.ExecuteAsync(record!.Number, state => command(body, state, http.User), expected, cancellationToken);
        switch (result)
        {
            case CommandResult.Accepted accepted:
                return await ViewAsync(http, accepted.Ticket, cancellationToken);
            case CommandResult.Rejected rejected:
                TicketVersions.SetETag(http.Response, rejected.Ticket.Version);
                return ApiProblems.Rejected(request, rejected.Rejection);
            case CommandResult.VersionMismatch mismatch:
                TicketVersions.SetETag(http.Response, mismatch.CurrentVersion);
                return ApiProblems.VersionMismatch(request, mismatch.CurrentVersion);
            default:
                return NotFound(request);
        }
    }

    /// <summary>The ticket when it exists and the caller may see it; else 404 or 403.</summary>
    public async Task<(TicketRecord? Ticket, IResult? Problem)> FindVisibleAsync(HttpContext http, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var record = TicketNumbers.IsPlausible(number) ? await tickets.GetAsync(number, cancellationToken) : null;
        if (record is null)
        {
            return (null, NotFound(http.Request));
        }

        return http.User.CanSee(record.State)
            ? (record, null)
            : (null, ApiProblems.Forbidden(http.Request, "This ticket is not handled by your department.", "该工单不属于您所在部门办理。"));
    }

    public async Task<IResult> ViewAsync(HttpContext http, TicketRecord ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ticket);
        var ledger = await tickets.GetLedgerAsync(ticket.Number, cancellationToken);
        TicketVersions.SetETag(http.Response, ticket.Version);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(TicketViewMapper.Staff(ticket, ledger, http.User));
    }

    public static IResult NotFound(HttpRequest request) => ApiProblems.NotFound(request, "The ticket", "该工单");
}
