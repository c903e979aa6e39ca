using Assist.Functions.Security;
using Assist.Storage.Attachments;
using Assist.Storage.Workflow;
using Microsoft.Net.Http.Headers;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// <c>GET /api/tickets/{number}/attachments/{id}</c>: for the enterprise (with its tracking code) or staff who may
/// see the ticket; only attachments of that ticket; always <c>Content-Disposition: attachment</c> and
/// <c>nosniff</c>, with the type the store sniffed from the content, never the uploader's.
/// </summary>
public static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/tickets/{number}/attachments/{attachmentId}", DownloadAsync)
            .WithTags("Attachments")
            .WithName("DownloadAttachment")
            .WithSummary("Downloads an attachment (X-Tracking-Code for the enterprise, or a staff sign-in).")
            .AllowAnonymous()
            .RequireRateLimiting(ApiRateLimits.Public)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(
        string number,
        string attachmentId,
        HttpContext http,
        TicketService tickets,
        AttachmentStore attachments,
        CancellationToken cancellationToken)
    {
        TicketRecord? ticket;
        if (http.Request.Headers.ContainsKey(TrackingCode.Header))
        {
            (ticket, var problem) = await EnterpriseAccess.AuthorizeAsync(http.Request, tickets, number, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }
        else if (http.User.UserId() is null)
        {
            return http.User.Identity?.IsAuthenticated == true
                ? ApiProblems.Forbidden(http.Request)
                : ApiProblems.MissingTrackingCode(http.Request);
        }
        else
        {
            ticket = TicketNumbers.IsPlausible(number) ? await tickets.GetAsync(number, cancellationToken) : null;
            if (ticket is null)
            {
                return ApiProblems.NotFound(http.Request, "The ticket", "该工单");
            }

            if (!http.User.CanSee(ticket.State))
            {
                return ApiProblems.Forbidden(http.Request, "This ticket is not handled by your department.", "该工单不属于您所在部门办理。");
            }
        }

        // 保密: a department downloads under the neutral name its ticket view shows, never the uploaded one.
        var neutral = http.User.UserId() is not null && !http.User.MaySeeEnterpriseOf(ticket!.State);
        return await SendAsync(http, tickets, attachments, ticket!, attachmentId, neutral, cancellationToken);
    }

    /// <summary>
    /// Streams one attachment of <paramref name="ticket"/> (the caller has been authorised for the ticket): only that
    /// ticket's files, as a download, with the sniffed type and <c>nosniff</c>. Pages use it too. With
    /// <paramref name="neutralName"/> the file is named as <see cref="NeutralFileNames"/> names it.
    /// </summary>
    public static async Task<IResult> SendAsync(HttpContext http, TicketService tickets, AttachmentStore attachments, TicketRecord ticket, string attachmentId, bool neutralName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(ticket);
        var ledger = await tickets.GetLedgerAsync(ticket.Number, cancellationToken);
        var all = TicketViewMapper.Attachments(ticket.State, ledger);
        var attachment = all.FirstOrDefault(a => a.Id == attachmentId);
        var download = attachment is null ? null : await attachments.OpenReadAsync(attachment, cancellationToken);
        if (download is null)
        {
            return ApiProblems.NotFound(http.Request, "The attachment", "该附件");
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        headers["X-Content-SHA256"] = download.Sha256;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(neutralName
            ? NeutralFileNames.Of(all, ApiLanguage.PrefersChinese(http.Request))[attachment!.Id]
            : download.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(download.Content, download.ContentType);
    }
}
