using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// The enterprise's side of a ticket, authorised per ticket by <c>X-Tracking-Code</c> (no account): track it,
/// answer a request for information, confirm with a rating, or reject the reply. A missing code is 401; a wrong
/// code answers exactly like an unknown ticket (404), so numbers cannot be probed.
/// </summary>
public static class EnterpriseEndpoints
{
    public static IEndpointRouteBuilder MapEnterpriseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var ticket = endpoints.MapGroup("/api/tickets/{number}")
            .WithTags("Enterprise")
            .AllowAnonymous()
            .RequireRateLimiting(ApiRateLimits.Public)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        ticket.MapGet("", TrackAsync)
            .WithName("TrackTicket")
            .WithSummary("The enterprise's view of its ticket (header X-Tracking-Code).")
            .Produces<EnterpriseTicketView>();
        ticket.MapPost("/information", ProvideInformationAsync)
            .WithName("ProvideInformation")
            .WithSummary("Answers the department's request for information (JSON, or multipart with files in 'attachments').")
            .Accepts<ProvideInformationRequest>("application/json", "multipart/form-data")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64L * 1024 * 1024))
            .DisableAntiforgery()
            .WithMutationProblems();
        ticket.MapPost("/confirmation", ConfirmAsync)
            .WithName("ConfirmTicket")
            .WithSummary("Confirms the reply with a 5-level rating; the ticket closes (销号).")
            .Accepts<ConfirmTicketRequest>("application/json")
            .WithMutationProblems();
        ticket.MapPost("/rejection", RejectReplyAsync)
            .WithName("RejectReply")
            .WithSummary("Rejects the reply with a reason; the ticket is reopened (退回重办).")
            .Accepts<RejectReplyRequest>("application/json")
            .WithMutationProblems();
        return endpoints;
    }

    private static RouteHandlerBuilder WithMutationProblems(this RouteHandlerBuilder builder) => builder
        .Produces<EnterpriseTicketView>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The ticket when the request carries its tracking code; otherwise the problem to answer.</summary>
    public static async Task<(TicketRecord? Ticket, IResult? Problem)> AuthorizeAsync(HttpRequest request, TicketService tickets, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tickets);
        var code = request.Headers[TrackingCode.Header].ToString();
        if (string.IsNullOrWhiteSpace(code))
        {
            return (null, ApiProblems.MissingTrackingCode(request));
        }

        var record = await FindTrackedAsync(tickets, number, code, cancellationToken);
        return record is null ? (null, NotFound(request)) : (record, null);
    }

    /// <summary>The ticket when <paramref name="code"/> is its tracking code; null for an unknown number and a wrong code alike.</summary>
    public static async Task<TicketRecord?> FindTrackedAsync(TicketService tickets, string? number, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        if (string.IsNullOrWhiteSpace(code) || !TicketNumbers.IsPlausible(number))
        {
            return null;
        }

        var record = await tickets.GetAsync(number!, cancellationToken);
        return record is not null && TrackingCode.Matches(code, record.TrackingCodeHash) ? record : null;
    }

    public static IResult NotFound(HttpRequest request) =>
        ApiProblems.NotFound(request, "The ticket (or a ticket with this tracking code)", "该工单（或与查询码匹配的工单）");

    private static async Task<IResult> TrackAsync(string number, HttpRequest request, TicketService tickets, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var (ticket, problem) = await AuthorizeAsync(request, tickets, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await ViewAsync(request, tickets, directory, ticket!, cancellationToken);
    }

    private static async Task<IResult> ProvideInformationAsync(
        string number,
        HttpRequest request,
        TicketService tickets,
        DirectoryStore directory,
        MultipartUpload uploads,
        CancellationToken cancellationToken)
    {
        var (_, problem) = await AuthorizeAsync(request, tickets, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        string? answer;
        IReadOnlyList<AttachmentRef> files = [];
        if (MultipartUpload.IsMultipart(request))
        {
            var content = await uploads.ReadAsync(request, cancellationToken);
            if (content.Problem is { } refused)
            {
                return refused;
            }

            files = content.Files;
            answer = content.Fields.TryGetValue("answer", out var text) ? text : null;
        }
        else
        {
            var body = await ApiJson.ReadAsync<ProvideInformationRequest>(request, cancellationToken);
            if (body.Problem is { } bad)
            {
                return bad;
            }

            answer = body.Value!.Answer;
        }

        var kept = false;
        try
        {
            if (new RequestChecks().Text("answer", answer, "answer", "补充内容").Problem(request) is { } invalid)
            {
                return invalid;
            }

            var result = await ExecuteAsync(request, tickets, directory, number, new ProvideInformation(Actor.Enterprise, answer!, files.ToValueList()), cancellationToken);
            // Accepted: the files are the ticket's; the engine's dispatch moves them out of the pending uploads.
            kept = result.Accepted;

            return result.Answer;
        }
        finally
        {
            if (!kept)
            {
                await uploads.DiscardAsync(files);
            }
        }
    }

    private static async Task<IResult> ConfirmAsync(string number, HttpRequest request, TicketService tickets, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var (_, problem) = await AuthorizeAsync(request, tickets, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var body = await ApiJson.ReadAsync<ConfirmTicketRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var confirm = body.Value!;
        var checks = new RequestChecks()
            .Present("rating", confirm.Rating, "satisfaction rating", "满意度评价")
            .Text("comment", confirm.Comment, "comment", "评价意见", required: false);
        if (confirm.Rating is { } rating && !Enum.IsDefined(rating))
        {
            checks.Add("rating", "rating.range", "Choose one of the five levels (1–5).", "请选择五级满意度之一（1–5）。");
        }

        if (checks.Problem(request) is { } invalid)
        {
            return invalid;
        }

        return (await ExecuteAsync(request, tickets, directory, number, new Confirm(Actor.Enterprise, confirm.Rating!.Value, confirm.Comment), cancellationToken)).Answer;
    }

    private static async Task<IResult> RejectReplyAsync(string number, HttpRequest request, TicketService tickets, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var (_, problem) = await AuthorizeAsync(request, tickets, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var body = await ApiJson.ReadAsync<RejectReplyRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        if (new RequestChecks().Text("reason", body.Value!.Reason, "reason", "不满意的原因").Problem(request) is { } invalid)
        {
            return invalid;
        }

        return (await ExecuteAsync(request, tickets, directory, number, new RejectReply(Actor.Enterprise, body.Value.Reason!), cancellationToken)).Answer;
    }

    private static async Task<(IResult Answer, bool Accepted)> ExecuteAsync(
        HttpRequest request,
        TicketService tickets,
        DirectoryStore directory,
        string number,
        TicketCommand command,
        CancellationToken cancellationToken)
    {
        var (expected, versionProblem) = TicketVersions.Read(request, required: false);
        if (versionProblem is not null)
        {
            return (versionProblem, false);
        }

        return await tickets.ExecuteAsync(number, _ => command, expected, cancellationToken) switch
        {
            CommandResult.Accepted accepted => (await ViewAsync(request, tickets, directory, accepted.Ticket, cancellationToken), true),
            CommandResult.Rejected rejected => (ApiProblems.Rejected(request, rejected.Rejection), false),
            CommandResult.VersionMismatch mismatch => (ApiProblems.VersionMismatch(request, mismatch.CurrentVersion), false),
            _ => (NotFound(request), false),
        };
    }

    private static async Task<IResult> ViewAsync(HttpRequest request, TicketService tickets, DirectoryStore directory, TicketRecord ticket, CancellationToken cancellationToken)
    {
        var ledger = await tickets.GetLedgerAsync(ticket.Number, cancellationToken);
        var snapshot = await directory.GetAsync(cancellationToken);
        TicketVersions.SetETag(request.HttpContext.Response, ticket.Version);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Ok(TicketViewMapper.Enterprise(ticket, ledger, snapshot.Organization));
    }
}
