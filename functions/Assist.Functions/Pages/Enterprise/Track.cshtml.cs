using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;
using Assist.Functions.Api;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Web;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Pages.Enterprise;

/// <summary>
/// The enterprise's tracking page. The number and code are typed once and posted; from then on the code rides in
/// the encrypted, HttpOnly, <c>/track</c>-scoped cookie (never in a URL). Answers to information requests (text and
/// files), confirmation with the 5-level rating, and rejection with a reason all run the same commands as the API.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ApiRateLimits.Public)]
[RequestSizeLimit(SubmitModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SubmitModel.MaxRequestBytes)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class TrackModel(TicketService tickets, DirectoryStore directory, MultipartUpload uploads, AttachmentStore attachments, TrackingCookie cookie) : PageModel
{
    public EnterpriseTicketView? Ticket { get; private set; }

    public TimelineModel? Timeline { get; private set; }

    public string? NumberTyped { get; private set; }

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public ValidationErrors Errors { get; private set; } = ValidationErrors.None;

    /// <summary>How many files of what size an answer may carry (the store's own limits, for the hint).</summary>
    public AttachmentOptions AttachmentLimits => attachments.Options;

    /// <summary>What was typed in an action form that was refused, to show it again.</summary>
    public IDictionary<string, string?> Typed { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string? number, CancellationToken cancellationToken)
    {
        NumberTyped = number;
        if (number is null)
        {
            return Page();
        }

        var record = await EnterpriseAccess.FindTrackedAsync(tickets, number, cookie.Read(Request, number), cancellationToken);
        if (record is not null)
        {
            await ShowAsync(record, cancellationToken);
            Done = TempData["done"] as string;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostOpenAsync(string? ticketNumber, string? trackingCode, CancellationToken cancellationToken)
    {
        var number = ticketNumber?.Trim() ?? "";
        var record = await EnterpriseAccess.FindTrackedAsync(tickets, number, trackingCode?.Trim(), cancellationToken);
        if (record is null)
        {
            NumberTyped = number;
            Problem = UiText.TrackNotFound;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        cookie.Write(Response, record.Number, trackingCode!.Trim());
        return Redirect("/track/" + Uri.EscapeDataString(record.Number));
    }

    /// <summary>Downloads one of the ticket's files (the tracking cookie authorises it).</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(string number, string? id, CancellationToken cancellationToken)
    {
        var record = await FindAsync(number, cancellationToken);
        if (record is null || string.IsNullOrEmpty(id))
        {
            return NotFound();
        }

        var ledger = await tickets.GetLedgerAsync(record.Number, cancellationToken);
        if (!TicketViewMapper.Attachments(record.State, ledger).Any(a => a.Id == id))
        {
            return NotFound();
        }

        await (await AttachmentSender.SendAsync(HttpContext, tickets, attachments, record, id, neutralName: false, cancellationToken)).ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    public IActionResult OnPostForget()
    {
        cookie.Clear(Response);
        return Redirect("/track");
    }

    public async Task<IActionResult> OnPostAnswerAsync(string number, string? answer, int? version, CancellationToken cancellationToken)
    {
        var record = await FindAsync(number, cancellationToken);
        if (record is null)
        {
            return Redirect("/track/" + Uri.EscapeDataString(number));
        }

        Typed["answer"] = answer;
        var checks = new RequestChecks().Text("answer", answer, "answer", "补充内容");
        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(record, checks.Errors, cancellationToken);
        }

        var stored = await uploads.StoreAsync(Request.Form.Files, cancellationToken);
        if (!stored.Errors.IsEmpty)
        {
            return await RefusedAsync(record, stored.Errors, cancellationToken);
        }

        var kept = false;
        try
        {
            var result = await tickets.ExecuteAsync(record.Number, _ => new ProvideInformation(Actor.Enterprise, answer!, stored.Files.ToValueList()), version, cancellationToken);
            kept = result is CommandResult.Accepted;
            return await AfterAsync(record, result, UiText.TrackAnswered, cancellationToken);
        }
        finally
        {
            if (!kept)
            {
                await uploads.DiscardAsync(stored.Files);
            }
        }
    }

    public async Task<IActionResult> OnPostConfirmAsync(string number, int? rating, string? comment, int? version, CancellationToken cancellationToken)
    {
        var record = await FindAsync(number, cancellationToken);
        if (record is null)
        {
            return Redirect("/track/" + Uri.EscapeDataString(number));
        }

        Typed["comment"] = comment;
        var checks = new RequestChecks().Present("rating", rating, "satisfaction rating", "满意度评价").Text("comment", comment, "comment", "评价意见", required: false);
        if (rating is { } value && !Enum.IsDefined((SatisfactionRating)value))
        {
            checks.Add("rating", "rating.range", "Choose one of the five levels (1–5).", "请选择五级满意度之一（1–5）。");
        }

        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(record, checks.Errors, cancellationToken);
        }

        var command = new Confirm(Actor.Enterprise, (SatisfactionRating)rating!.Value, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        return await AfterAsync(record, await tickets.ExecuteAsync(record.Number, _ => command, version, cancellationToken), UiText.TrackConfirmed, cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(string number, string? reason, int? version, CancellationToken cancellationToken)
    {
        var record = await FindAsync(number, cancellationToken);
        if (record is null)
        {
            return Redirect("/track/" + Uri.EscapeDataString(number));
        }

        Typed["reason"] = reason;
        var checks = new RequestChecks().Text("reason", reason, "reason", "不满意的原因");
        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(record, checks.Errors, cancellationToken);
        }

        return await AfterAsync(record, await tickets.ExecuteAsync(record.Number, _ => new RejectReply(Actor.Enterprise, reason!.Trim()), version, cancellationToken), UiText.TrackRejected, cancellationToken);
    }

    public IEnumerable<string> MessagesFor(string field) => Errors.For(field).Select(UiText.Pick);

    public string? TypedValue(string field) => Typed.TryGetValue(field, out var value) ? value : null;

    private Task<TicketRecord?> FindAsync(string number, CancellationToken cancellationToken) =>
        EnterpriseAccess.FindTrackedAsync(tickets, number, cookie.Read(Request, number), cancellationToken);

    private async Task<IActionResult> AfterAsync(TicketRecord record, CommandResult result, string done, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case CommandResult.Accepted:
                TempData["done"] = done;
                return Redirect("/track/" + Uri.EscapeDataString(record.Number));
            case CommandResult.Rejected rejected:
                Problem = UiText.Pick(rejected.Rejection);
                return await RefusedAsync(rejected.Ticket, rejected.Rejection.Errors ?? ValidationErrors.None, cancellationToken, StatusCodes.Status409Conflict);
            case CommandResult.VersionMismatch:
                Problem = UiText.ChangedMeanwhile;
                return await RefusedAsync(record, ValidationErrors.None, cancellationToken, StatusCodes.Status409Conflict);
            default:
                return Redirect("/track/" + Uri.EscapeDataString(record.Number));
        }
    }

    private async Task<IActionResult> RefusedAsync(TicketRecord record, ValidationErrors errors, CancellationToken cancellationToken, int status = StatusCodes.Status400BadRequest)
    {
        Errors = errors;
        var fresh = await tickets.GetAsync(record.Number, cancellationToken) ?? record;
        await ShowAsync(fresh, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task ShowAsync(TicketRecord record, CancellationToken cancellationToken)
    {
        var ledger = await tickets.GetLedgerAsync(record.Number, cancellationToken);
        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        Ticket = TicketViewMapper.Enterprise(record, ledger, organization);
        Timeline = new TimelineModel(Ticket.Timeline, organization, id => $"/track/{Uri.EscapeDataString(record.Number)}?handler=Attachment&id={Uri.EscapeDataString(id)}");
        NumberTyped = record.Number;
    }
}
