using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Functions.Api.OpenApi;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RequestSizeLimitAttribute = Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// The enterprise's side of a ticket, authorised per ticket by <c>X-Tracking-Code</c> (no account, see
/// <see cref="EnterpriseAccess"/>): track it, answer a request for information, confirm with a rating, or reject the
/// reply. A missing code is 401; a wrong code answers exactly like an unknown ticket (404), so numbers cannot be probed.
/// </summary>
[Tags("Enterprise")]
[AllowAnonymous]
[EnableRateLimiting(ApiRateLimits.Public)]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status404NotFound)]
[ProducesProblem(StatusCodes.Status429TooManyRequests)]
public sealed class EnterpriseFunctions(TicketService tickets, DirectoryStore directory, MultipartUpload uploads)
{
    [Function("TrackTicket")]
    [EndpointSummary("The enterprise's view of its ticket (header X-Tracking-Code).")]
    [Produces(StatusCodes.Status200OK, typeof(EnterpriseTicketView))]
    public async Task<IResult> TrackTicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/tickets/{number}")] HttpRequest request, string number, CancellationToken cancellationToken)
    {
        var (ticket, problem) = await EnterpriseAccess.AuthorizeAsync(request, tickets, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await ViewAsync(request, ticket!, cancellationToken);
    }

    [Function("ProvideInformation")]
    [EndpointSummary("Answers the department's request for information (JSON, or multipart with files in 'attachments').")]
    [RequestBody(typeof(ProvideInformationRequest), "application/json", "multipart/form-data")]
    [RequestSizeLimit(64L * 1024 * 1024)]
    [Produces(StatusCodes.Status200OK, typeof(EnterpriseTicketView))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status409Conflict)]
    [ProducesProblem(StatusCodes.Status412PreconditionFailed)]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> ProvideInformationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tickets/{number}/information")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (_, problem) = await EnterpriseAccess.AuthorizeAsync(request, tickets, number, cancellationToken);
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

            var result = await ExecuteAsync(request, number, new ProvideInformation(Actor.Enterprise, answer!, files.ToValueList()), cancellationToken);
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

    [Function("ConfirmTicket")]
    [EndpointSummary("Confirms the reply with a 5-level rating; the ticket closes (销号).")]
    [RequestBody(typeof(ConfirmTicketRequest))]
    [Produces(StatusCodes.Status200OK, typeof(EnterpriseTicketView))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status409Conflict)]
    [ProducesProblem(StatusCodes.Status412PreconditionFailed)]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> ConfirmTicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tickets/{number}/confirmation")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (_, problem) = await EnterpriseAccess.AuthorizeAsync(request, tickets, number, cancellationToken);
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

        return (await ExecuteAsync(request, number, new Confirm(Actor.Enterprise, confirm.Rating!.Value, confirm.Comment), cancellationToken)).Answer;
    }

    [Function("RejectReply")]
    [EndpointSummary("Rejects the reply with a reason; the ticket is reopened (退回重办).")]
    [RequestBody(typeof(RejectReplyRequest))]
    [Produces(StatusCodes.Status200OK, typeof(EnterpriseTicketView))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status409Conflict)]
    [ProducesProblem(StatusCodes.Status412PreconditionFailed)]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> RejectReplyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tickets/{number}/rejection")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (_, problem) = await EnterpriseAccess.AuthorizeAsync(request, tickets, number, cancellationToken);
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

        return (await ExecuteAsync(request, number, new RejectReply(Actor.Enterprise, body.Value.Reason!), cancellationToken)).Answer;
    }

    private async Task<(IResult Answer, bool Accepted)> ExecuteAsync(HttpRequest request, string number, TicketCommand command, CancellationToken cancellationToken)
    {
        var (expected, versionProblem) = TicketVersions.Read(request, required: false);
        if (versionProblem is not null)
        {
            return (versionProblem, false);
        }

        return await tickets.ExecuteAsync(number, _ => command, expected, cancellationToken) switch
        {
            CommandResult.Accepted accepted => (await ViewAsync(request, accepted.Ticket, cancellationToken), true),
            CommandResult.Rejected rejected => (ApiProblems.Rejected(request, rejected.Rejection), false),
            CommandResult.VersionMismatch mismatch => (ApiProblems.VersionMismatch(request, mismatch.CurrentVersion), false),
            _ => (EnterpriseAccess.NotFound(request), false),
        };
    }

    private async Task<IResult> ViewAsync(HttpRequest request, TicketRecord ticket, CancellationToken cancellationToken)
    {
        var ledger = await tickets.GetLedgerAsync(ticket.Number, cancellationToken);
        var snapshot = await directory.GetAsync(cancellationToken);
        TicketVersions.SetETag(request.HttpContext.Response, ticket.Version);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Ok(TicketViewMapper.Enterprise(ticket, ledger, snapshot.Organization, snapshot.DesignatedOfficers));
    }
}
