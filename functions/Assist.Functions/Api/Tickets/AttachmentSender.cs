using Assist.Storage.Attachments;
using Assist.Storage.Workflow;
using Microsoft.Net.Http.Headers;

namespace Assist.Functions.Api.Tickets;

/// <summary>An attachment of a ticket as a download, for the API and the pages.</summary>
public static class AttachmentSender
{
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
