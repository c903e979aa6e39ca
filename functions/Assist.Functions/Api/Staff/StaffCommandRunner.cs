using Assist.Storage.Directory;
using System.Security.Claims;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Workflow;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// The one path of every staff mutation, for the API and the pages: may this caller see the ticket, field checks,
/// then one command through <see cref="TicketService"/> built from the state it is decided on. The API adds If-Match
/// (428 without, 412 when stale) and the JSON body, and answers the staff view with the new version as ETag. Who may
/// not act on the ticket at all hears 403 (or 404) first: nothing about versions or bodies is answered to them.
/// </summary>
public sealed class StaffCommandRunner(TicketService tickets, DirectoryStore directory, TimeProvider time)
{
    public async Task<IResult> RunAsync<TBody>(HttpContext http, string number, StaffAction<TBody> action, CancellationToken cancellationToken)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(action);
        var request = http.Request;
        var (record, visible) = await FindAsync(http.User, number, cancellationToken);
        if (record is null)
        {
            return NotFound(request);
        }

        if (!visible)
        {
            return NotVisible(request);
        }

        var (expected, versionProblem) = TicketVersions.Read(request, required: true);
        if (versionProblem is not null)
        {
            return versionProblem;
        }

        TBody body;
        if (action.WhenEmpty is not null && request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType))
        {
            body = action.WhenEmpty;
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

        switch (await ExecuteOnAsync(http.User, record, action, body, expected, cancellationToken))
        {
            case StaffOutcome.Invalid invalid:
                return ApiProblems.Validation(request, invalid.Errors);
            case StaffOutcome.NotFound:
                return NotFound(request);
            case StaffOutcome.NotVisible:
                return NotVisible(request);
            case StaffOutcome.Accepted accepted:
                return await ViewAsync(http, accepted.Ticket, cancellationToken);
            case StaffOutcome.Rejected rejected:
                TicketVersions.SetETag(http.Response, rejected.Ticket.Version);
                return ApiProblems.Rejected(request, rejected.Rejection);
            case StaffOutcome.VersionMismatch mismatch:
                TicketVersions.SetETag(http.Response, mismatch.CurrentVersion);
                return ApiProblems.VersionMismatch(request, mismatch.CurrentVersion);
            default:
                return NotFound(request);
        }
    }

    /// <summary>
    /// Finds the ticket the caller may see, checks the body, and runs the action's command at <paramref name="expectedVersion"/>
    /// (null: whatever is current). The caller has already passed the action's role policy.
    /// </summary>
    public async Task<StaffOutcome> ExecuteAsync<TBody>(ClaimsPrincipal user, string number, StaffAction<TBody> action, TBody body, int? expectedVersion, CancellationToken cancellationToken)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(body);
        var (record, visible) = await FindAsync(user, number, cancellationToken);
        if (record is null)
        {
            return new StaffOutcome.NotFound();
        }

        if (!visible)
        {
            return new StaffOutcome.NotVisible();
        }

        return await ExecuteOnAsync(user, record, action, body, expectedVersion, cancellationToken);
    }

    /// <summary>Checks the body and runs the command on a ticket the caller was found to see.</summary>
    private async Task<StaffOutcome> ExecuteOnAsync<TBody>(ClaimsPrincipal user, TicketRecord record, StaffAction<TBody> action, TBody body, int? expectedVersion, CancellationToken cancellationToken)
        where TBody : class
    {
        var errors = action.Check(body, new RequestChecks()).Errors;
        if (!errors.IsEmpty)
        {
            return new StaffOutcome.Invalid(errors);
        }

        return await tickets.ExecuteAsync(record.Number, state => action.Command(body, state, user), expectedVersion, cancellationToken) switch
        {
            CommandResult.Accepted accepted => new StaffOutcome.Accepted(accepted.Ticket),
            CommandResult.Rejected rejected => new StaffOutcome.Rejected(rejected.Ticket, rejected.Rejection),
            CommandResult.VersionMismatch mismatch => new StaffOutcome.VersionMismatch(mismatch.CurrentVersion),
            _ => new StaffOutcome.NotFound(),
        };
    }

    /// <summary>The ticket (null when it does not exist) and whether the caller may see it.</summary>
    public async Task<(TicketRecord? Ticket, bool Visible)> FindAsync(ClaimsPrincipal user, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var record = TicketNumbers.IsPlausible(number) ? await tickets.GetAsync(number, cancellationToken) : null;
        return record is null ? (null, false) : (record, user.CanSee(record.State));
    }

    /// <summary>The ticket when it exists and the caller may see it; else 404 or 403.</summary>
    public async Task<(TicketRecord? Ticket, IResult? Problem)> FindVisibleAsync(HttpContext http, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (record, visible) = await FindAsync(http.User, number, cancellationToken);
        if (record is null)
        {
            return (null, NotFound(http.Request));
        }

        return visible ? (record, null) : (null, NotVisible(http.Request));
    }

    public async Task<IResult> ViewAsync(HttpContext http, TicketRecord ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ticket);
        var ledger = await tickets.GetLedgerAsync(ticket.Number, cancellationToken);
        var snapshot = await directory.GetAsync(cancellationToken);
        TicketVersions.SetETag(http.Response, ticket.Version);
        http.Response.Headers.CacheControl = "no-store";
        var moment = new OfferMoment(time.GetUtcNow(), snapshot.Policies.Extension, snapshot.Calendar);
        return Results.Ok(TicketViewMapper.Staff(ticket, ledger, http.User, moment, ApiLanguage.PrefersChinese(http.Request)));
    }

    public static IResult NotFound(HttpRequest request) => ApiProblems.NotFound(request, "The ticket", "该工单");

    private static IResult NotVisible(HttpRequest request) =>
        ApiProblems.Forbidden(request, "This ticket is not handled by your department.", "该工单不属于您所在部门办理。");
}

/// <summary>What a staff action came to.</summary>
public abstract record StaffOutcome
{
    private StaffOutcome()
    {
    }

    public sealed record Invalid(ValidationErrors Errors) : StaffOutcome;

    public sealed record NotFound : StaffOutcome;

    public sealed record NotVisible : StaffOutcome;

    public sealed record Accepted(TicketRecord Ticket) : StaffOutcome;

    public sealed record Rejected(TicketRecord Ticket, Rejection Rejection) : StaffOutcome;

    public sealed record VersionMismatch(int CurrentVersion) : StaffOutcome;
}
