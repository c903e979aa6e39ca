using System.Text.Json;
using Assist.Domain.Validation;
using Assist.Functions.Api;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Resources;
using Assist.Functions.Web;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Components.Enterprise;

/// <summary>
/// The public form (no account) and its receipt. A rejected form comes back with what was typed and a message beside
/// each field (the domain's own validation, including the credit code's check digit). An accepted one goes to the
/// receipt (post/redirect/get; the code travels in the encrypted TempData cookie, never in the URL).
/// </summary>
[AllowAnonymous]
[ExcludeFromDescription]
public sealed class SubmitFunctions(DirectoryStore directory, MultipartUpload uploads, TicketSubmitter submitter, TrackingCookie tracking, IOptions<AttachmentOptions> attachmentOptions)
{
    /// <summary>Ten files of the default 20 MiB cap and the fields.</summary>
    public const long MaxRequestBytes = (10L * 20 * 1024 * 1024) + (1024 * 1024);

    public const string ReceiptKey = "receipt";

    [Function("SubmitPage")]
    [EnableRateLimiting(ApiRateLimits.Public)]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "submit")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        if (!HttpMethods.IsPost(request.Method))
        {
            return await RenderAsync(page, new SubmitForm { SubmissionKey = NewKey() }, cancellationToken: cancellationToken);
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is not { } posted)
        {
            return PageResults.BadRequest(page);
        }

        var form = SubmitForm.Read(posted);
        var key = form.SubmissionKey is { Length: > 0 and <= 64 } given ? "page-" + given : null;
        var chosen = posted.Files.Any(f => !string.IsNullOrEmpty(f.FileName));
        var stored = await uploads.StoreAsync(posted.Files, cancellationToken);
        if (!stored.Errors.IsEmpty)
        {
            return await RenderAsync(page, form, stored.Errors, filesDropped: chosen, cancellationToken: cancellationToken);
        }

        switch (await submitter.SubmitAsync(form.ToRequest(), stored.Files, key, cancellationToken))
        {
            case SubmitOutcome.Accepted accepted:
                var ticket = accepted.Ticket;
                TempDataCookie.Put(request.HttpContext, ReceiptKey, JsonSerializer.Serialize(new ReceiptData(
                    ticket.Number, accepted.TrackingCode, ticket.State.SubmittedAt ?? ticket.CreatedAt, form.Title ?? "",
                    form.EnterpriseName ?? "", ticket.State.Submission?.Attachments.Count ?? 0)));
                tracking.Write(request.HttpContext.Response, ticket.Number, accepted.TrackingCode);
                return Results.Redirect("/receipt");
            case SubmitOutcome.Refused refused:
                var errors = refused.Rejection.Errors ?? ValidationErrors.None;
                return await RenderAsync(page, form, errors, errors.IsEmpty ? UiText.Pick(refused.Rejection) : null, chosen, cancellationToken);
            case SubmitOutcome.KeyReused reused:
                return await RenderAsync(page, form, problem: UiText.SubmitAlreadySent(reused.Ticket.Number), cancellationToken: cancellationToken);
            case SubmitOutcome.KeyMismatch mismatch:
                // This form was sent before and changed since (e.g. back, edit, send): say so, and let the next send be new.
                form.SubmissionKey = NewKey();
                return await RenderAsync(page, form, problem: UiText.SubmitChangedAfterSending(mismatch.TicketNumber), cancellationToken: cancellationToken);
            default:
                throw new InvalidOperationException("Unexpected submit outcome.");
        }
    }

    /// <summary>The receipt, shown once after a submission: ticket number and tracking code, to copy or print.</summary>
    [Function("ReceiptPage")]
    public static async Task<IResult> ReceiptAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "receipt")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        if (HttpMethods.IsPost(request.Method))
        {
            // The page has no form: a post with a valid token shows it without the receipt, as the Razor page did.
            return await PageForms.ReadAsync(request, cancellationToken) is null ? PageResults.BadRequest(page) : PageResults.Render<Receipt>(page);
        }

        var receipt = TempDataCookie.Take(request.HttpContext, ReceiptKey) is { } json ? JsonSerializer.Deserialize<ReceiptData>(json) : null;

        // The code is on this page: it must not sit in any cache (the page result answers no-store).
        return PageResults.Render<Receipt>(page, new { Data = receipt });
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>The form: as typed, with what was wrong (then 400), or fresh.</summary>
    private async Task<IResult> RenderAsync(PageContext page, SubmitForm form, ValidationErrors? errors = null, string? problem = null, bool filesDropped = false, CancellationToken cancellationToken = default)
    {
        var snapshot = await directory.GetAsync(cancellationToken);
        var rejected = errors is not null || problem is not null;
        return PageResults.Render<Submit>(page, new
        {
            Form = form,
            Errors = errors ?? ValidationErrors.None,
            Problem = problem,
            FilesDropped = filesDropped,
            snapshot.Organization,
            Sla = snapshot.Policies.Sla,
            Attachments = attachmentOptions.Value,
        }, rejected ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}

/// <summary>What the receipt shows, handed over once from the submission (the TempData cookie is encrypted and read once).</summary>
public sealed record ReceiptData(string Number, string TrackingCode, DateTimeOffset SubmittedAt, string Title, string EnterpriseName, int Attachments);
