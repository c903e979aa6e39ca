using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;
using Assist.Functions.Api;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Resources;
using Assist.Functions.Web;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Assist.Functions.Components.Enterprise;

/// <summary>
/// The enterprise's tracking page. The number and code are typed once and posted; from then on the code rides in
/// the encrypted, HttpOnly, <c>/track</c>-scoped cookie (never in a URL). Answers to information requests (text and
/// files), confirmation with the 5-level rating, and rejection with a reason all run the same commands as the API.
/// What a post does is named by <c>?handler=</c> (Open, Forget, Answer, Confirm, Reject; any case), and a GET with
/// <c>?handler=Attachment&amp;id=</c> downloads one of the ticket's files, as the Razor page's handlers did.
/// </summary>
[AllowAnonymous]
[ExcludeFromDescription]
public sealed class TrackFunctions(TicketService tickets, DirectoryStore directory, MultipartUpload uploads, AttachmentStore attachments, TrackingCookie cookie)
{
    private const string DoneKey = "done";

    [Function("TrackPage")]
    [EnableRateLimiting(ApiRateLimits.Public)]
    [RequestSizeLimit(SubmitFunctions.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = SubmitFunctions.MaxRequestBytes)]
    public async Task<IResult> TrackAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "track/{number?}")] HttpRequest request,
        string? number,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = PageContext.For(request);

        // Nothing here may sit in a cache (the code's cookie, the ticket): redirects and downloads too, as the page's
        // ResponseCache(NoStore) said; rendered pages answer no-store anyway.
        request.HttpContext.Response.Headers.CacheControl = "no-store,no-cache";
        request.HttpContext.Response.Headers.Pragma = "no-cache";
        var handler = request.Query["handler"].FirstOrDefault();
        if (!HttpMethods.IsPost(request.Method))
        {
            return string.Equals(handler, "Attachment", StringComparison.OrdinalIgnoreCase)
                ? await AttachmentAsync(request, page, number, request.Query["id"].FirstOrDefault(), cancellationToken)
                : await ShowAsync(request, page, number, cancellationToken);
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return PageResults.BadRequest(page);
        }

        var http = request.HttpContext;
        return handler?.ToUpperInvariant() switch
        {
            "OPEN" => await OpenAsync(http, page, FormValues.Text(form, "ticketNumber"), FormValues.Text(form, "trackingCode"), cancellationToken),
            "FORGET" => Forget(http),
            "ANSWER" => await AnswerAsync(http, page, number, form, cancellationToken),
            "CONFIRM" => await ConfirmAsync(http, page, number, form, cancellationToken),
            "REJECT" => await RejectAsync(http, page, number, form, cancellationToken),
            // A post that names no action shows the page as it stands before anything is opened.
            _ => PageResults.Render<Track>(page),
        };
    }

    private static IResult ToTicket(string? number) => Results.Redirect("/track/" + Uri.EscapeDataString(number ?? ""));

    /// <summary>The code form, or the ticket when the cookie holds its code (with what the last action did, once).</summary>
    private async Task<IResult> ShowAsync(HttpRequest request, PageContext page, string? number, CancellationToken cancellationToken)
    {
        if (number is null)
        {
            return PageResults.Render<Track>(page);
        }

        var record = await EnterpriseAccess.FindTrackedAsync(tickets, number, cookie.Read(request, number), cancellationToken);
        if (record is null)
        {
            return PageResults.Render<Track>(page, new { NumberTyped = number });
        }

        return await RenderAsync(page, record, done: TempDataCookie.Take(request.HttpContext, DoneKey), cancellationToken: cancellationToken);
    }

    private async Task<IResult> OpenAsync(HttpContext http, PageContext page, string? ticketNumber, string? trackingCode, CancellationToken cancellationToken)
    {
        var number = ticketNumber?.Trim() ?? "";
        var record = await EnterpriseAccess.FindTrackedAsync(tickets, number, trackingCode?.Trim(), cancellationToken);
        if (record is null)
        {
            return PageResults.Render<Track>(page, new { NumberTyped = number, Problem = UiText.TrackNotFound }, StatusCodes.Status400BadRequest);
        }

        cookie.Write(http.Response, record.Number, trackingCode!.Trim());
        return ToTicket(record.Number);
    }

    /// <summary>Downloads one of the ticket's files (the tracking cookie authorises it).</summary>
    private async Task<IResult> AttachmentAsync(HttpRequest request, PageContext page, string? number, string? id, CancellationToken cancellationToken)
    {
        var record = await FindAsync(request, number, cancellationToken);
        if (record is null || string.IsNullOrWhiteSpace(id))
        {
            return PageResults.Error(page, StatusCodes.Status404NotFound);
        }

        var ledger = await tickets.GetLedgerAsync(record.Number, cancellationToken);
        if (!TicketViewMapper.Attachments(record.State, ledger).Any(a => a.Id == id))
        {
            return PageResults.Error(page, StatusCodes.Status404NotFound);
        }

        return await AttachmentSender.SendAsync(request.HttpContext, tickets, attachments, record, id, neutralName: false, cancellationToken);
    }

    private static IResult Forget(HttpContext http)
    {
        TrackingCookie.Clear(http.Response);
        return Results.Redirect("/track");
    }

    private async Task<IResult> AnswerAsync(HttpContext http, PageContext page, string? number, IFormCollection form, CancellationToken cancellationToken)
    {
        var record = await FindAsync(http.Request, number, cancellationToken);
        if (record is null)
        {
            return ToTicket(number);
        }

        var answer = FormValues.Text(form, "answer");
        var typed = new Dictionary<string, string?>(StringComparer.Ordinal) { ["answer"] = answer };
        var checks = new RequestChecks().Text("answer", answer, "answer", "补充内容");
        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(page, record, checks.Errors, typed, cancellationToken: cancellationToken);
        }

        var stored = await uploads.StoreAsync(form.Files, cancellationToken);
        if (!stored.Errors.IsEmpty)
        {
            return await RefusedAsync(page, record, stored.Errors, typed, cancellationToken: cancellationToken);
        }

        var kept = false;
        try
        {
            var result = await tickets.ExecuteAsync(record.Number, _ => new ProvideInformation(Actor.Enterprise, answer!, stored.Files.ToValueList()), FormValues.Number(form, "version"), cancellationToken);
            kept = result is CommandResult.Accepted;
            return await AfterAsync(http, page, record, result, UiText.TrackAnswered, typed, cancellationToken);
        }
        finally
        {
            if (!kept)
            {
                await uploads.DiscardAsync(stored.Files);
            }
        }
    }

    private async Task<IResult> ConfirmAsync(HttpContext http, PageContext page, string? number, IFormCollection form, CancellationToken cancellationToken)
    {
        var record = await FindAsync(http.Request, number, cancellationToken);
        if (record is null)
        {
            return ToTicket(number);
        }

        var rating = FormValues.Number(form, "rating");
        var comment = FormValues.Text(form, "comment");
        var typed = new Dictionary<string, string?>(StringComparer.Ordinal) { ["comment"] = comment };
        var checks = new RequestChecks().Present("rating", rating, "satisfaction rating", "满意度评价").Text("comment", comment, "comment", "评价意见", required: false);
        if (rating is { } value && !Enum.IsDefined((SatisfactionRating)value))
        {
            checks.Add("rating", "rating.range", "Choose one of the five levels (1–5).", "请选择五级满意度之一（1–5）。");
        }

        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(page, record, checks.Errors, typed, cancellationToken: cancellationToken);
        }

        var command = new Confirm(Actor.Enterprise, (SatisfactionRating)rating!.Value, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        var result = await tickets.ExecuteAsync(record.Number, _ => command, FormValues.Number(form, "version"), cancellationToken);
        return await AfterAsync(http, page, record, result, UiText.TrackConfirmed, typed, cancellationToken);
    }

    private async Task<IResult> RejectAsync(HttpContext http, PageContext page, string? number, IFormCollection form, CancellationToken cancellationToken)
    {
        var record = await FindAsync(http.Request, number, cancellationToken);
        if (record is null)
        {
            return ToTicket(number);
        }

        var reason = FormValues.Text(form, "reason");
        var typed = new Dictionary<string, string?>(StringComparer.Ordinal) { ["reason"] = reason };
        var checks = new RequestChecks().Text("reason", reason, "reason", "不满意的原因");
        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(page, record, checks.Errors, typed, cancellationToken: cancellationToken);
        }

        var result = await tickets.ExecuteAsync(record.Number, _ => new RejectReply(Actor.Enterprise, reason!.Trim()), FormValues.Number(form, "version"), cancellationToken);
        return await AfterAsync(http, page, record, result, UiText.TrackRejected, typed, cancellationToken);
    }

    private Task<TicketRecord?> FindAsync(HttpRequest request, string? number, CancellationToken cancellationToken) =>
        EnterpriseAccess.FindTrackedAsync(tickets, number, number is null ? null : cookie.Read(request, number), cancellationToken);

    /// <summary>Accepted: back to the ticket, which says so once (post/redirect/get). Refused: the page with why (409).</summary>
    private async Task<IResult> AfterAsync(HttpContext http, PageContext page, TicketRecord record, CommandResult result, string done, IReadOnlyDictionary<string, string?> typed, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case CommandResult.Accepted:
                TempDataCookie.Put(http, DoneKey, done);
                return ToTicket(record.Number);
            case CommandResult.Rejected rejected:
                return await RefusedAsync(page, rejected.Ticket, rejected.Rejection.Errors ?? ValidationErrors.None, typed, UiText.Pick(rejected.Rejection), StatusCodes.Status409Conflict, cancellationToken);
            case CommandResult.VersionMismatch:
                return await RefusedAsync(page, record, ValidationErrors.None, typed, UiText.ChangedMeanwhile, StatusCodes.Status409Conflict, cancellationToken);
            default:
                return ToTicket(record.Number);
        }
    }

    /// <summary>The ticket as it is now, with what was typed and what was wrong.</summary>
    private async Task<IResult> RefusedAsync(PageContext page, TicketRecord record, ValidationErrors errors, IReadOnlyDictionary<string, string?> typed, string? problem = null, int status = StatusCodes.Status400BadRequest, CancellationToken cancellationToken = default)
    {
        var fresh = await tickets.GetAsync(record.Number, cancellationToken) ?? record;
        return await RenderAsync(page, fresh, errors, typed, problem, status: status, cancellationToken: cancellationToken);
    }

    private async Task<IResult> RenderAsync(
        PageContext page,
        TicketRecord record,
        ValidationErrors? errors = null,
        IReadOnlyDictionary<string, string?>? typed = null,
        string? problem = null,
        string? done = null,
        int status = StatusCodes.Status200OK,
        CancellationToken cancellationToken = default)
    {
        var ledger = await tickets.GetLedgerAsync(record.Number, cancellationToken);
        var snapshot = await directory.GetAsync(cancellationToken);
        var organization = snapshot.Organization;
        var ticket = TicketViewMapper.Enterprise(record, ledger, organization, snapshot.DesignatedOfficers);
        var steps = new TimelineModel(ticket.Timeline, organization, id => $"/track/{Uri.EscapeDataString(record.Number)}?handler=Attachment&id={Uri.EscapeDataString(id)}");
        return PageResults.Render<Track>(page, new
        {
            Ticket = ticket,
            Steps = steps,
            NumberTyped = record.Number,
            Problem = problem,
            Done = done,
            Errors = errors ?? ValidationErrors.None,
            Typed = typed ?? new Dictionary<string, string?>(StringComparer.Ordinal),
            AttachmentLimits = attachments.Options,
        }, status);
    }
}
