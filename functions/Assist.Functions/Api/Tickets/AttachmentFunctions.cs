using Assist.Functions.Api.OpenApi;
using Assist.Functions.Security;
using Assist.Storage.Attachments;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// <c>GET /api/tickets/{number}/attachments/{id}</c>: for the enterprise (with its tracking code) or staff who may
/// see the ticket; only attachments of that ticket; always <c>Content-Disposition: attachment</c> and
/// <c>nosniff</c>, with the type the store sniffed from the content, never the uploader's (see <see cref="AttachmentSender"/>).
/// </summary>
public sealed class AttachmentFunctions(TicketService tickets, AttachmentStore attachments)
{
    [Function("DownloadAttachment")]
    [Tags("Attachments")]
    [EndpointSummary("Downloads an attachment (X-Tracking-Code for the enterprise, or a staff sign-in).")]
    [AllowAnonymous]
    [EnableRateLimiting(ApiRateLimits.Public)]
    [Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")]
    [ProducesProblem(StatusCodes.Status401Unauthorized)]
    [ProducesProblem(StatusCodes.Status403Forbidden)]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> DownloadAttachmentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/tickets/{number}/attachments/{attachmentId}")] HttpRequest request,
        string number,
        string attachmentId,
        CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        TicketRecord? ticket;
        if (request.Headers.ContainsKey(TrackingCode.Header))
        {
            (ticket, var problem) = await EnterpriseAccess.AuthorizeAsync(request, tickets, number, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }
        else if (http.User.UserId() is null)
        {
            return http.User.Identity?.IsAuthenticated == true
                ? ApiProblems.Forbidden(request)
                : ApiProblems.MissingTrackingCode(request);
        }
        else
        {
            ticket = TicketNumbers.IsPlausible(number) ? await tickets.GetAsync(number, cancellationToken) : null;
            if (ticket is null)
            {
                return ApiProblems.NotFound(request, "The ticket", "该工单");
            }

            if (!http.User.CanSee(ticket.State))
            {
                return ApiProblems.Forbidden(request, "This ticket is not handled by your department.", "该工单不属于您所在部门办理。");
            }
        }

        // 保密: a department downloads under the neutral name its ticket view shows, never the uploaded one.
        var neutral = http.User.UserId() is not null && !http.User.MaySeeEnterpriseOf(ticket!.State);
        return await AttachmentSender.SendAsync(http, tickets, attachments, ticket!, attachmentId, neutral, cancellationToken);
    }
}
