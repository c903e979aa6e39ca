using System.Text.Json;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;
using Assist.Functions.Api;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Web;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Pages.Enterprise;

/// <summary>
/// The public form (no account). A rejected form comes back with what was typed and a message beside each field
/// (the domain's own validation, including the credit code's check digit). An accepted one goes to the receipt
/// (post/redirect/get; the code travels in encrypted TempData, never in the URL).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ApiRateLimits.Public)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class SubmitModel(DirectoryStore directory, MultipartUpload uploads, TicketSubmitter submitter, TrackingCookie tracking, IOptions<AttachmentOptions> attachmentOptions) : PageModel
{
    /// <summary>Ten files of the default 20 MiB cap and the fields.</summary>
    public const long MaxRequestBytes = (10L * 20 * 1024 * 1024) + (1024 * 1024);

    public const string ReceiptKey = "receipt";

    [BindProperty]
    public SubmitForm Form { get; set; } = new();

    public ValidationErrors Errors { get; private set; } = ValidationErrors.None;

    public string? Problem { get; private set; }

    public bool FilesDropped { get; private set; }

    public OrganizationDirectory Organization { get; private set; } = null!;

    /// <summary>The configured time limits, which the type options and the urgent hint promise.</summary>
    public SlaPolicies Sla { get; private set; } = null!;

    public AttachmentOptions Attachments => attachmentOptions.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = new SubmitForm { SubmissionKey = Guid.NewGuid().ToString("N") };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var key = Form.SubmissionKey is { Length: > 0 and <= 64 } given ? "page-" + given : null;
        var chosen = Request.Form.Files.Any(f => !string.IsNullOrEmpty(f.FileName));
        var stored = await uploads.StoreAsync(Request.Form.Files, cancellationToken);
        if (!stored.Errors.IsEmpty)
        {
            Errors = stored.Errors;
            FilesDropped = chosen;
            return Rejected();
        }

        switch (await submitter.SubmitAsync(Form.ToRequest(), stored.Files, key, cancellationToken))
        {
            case SubmitOutcome.Accepted accepted:
                var ticket = accepted.Ticket;
                TempData[ReceiptKey] = JsonSerializer.Serialize(new ReceiptData(
                    ticket.Number, accepted.TrackingCode, ticket.State.SubmittedAt ?? ticket.CreatedAt, Form.Title ?? "",
                    Form.EnterpriseName ?? "", ticket.State.Submission?.Attachments.Count ?? 0));
                tracking.Write(Response, ticket.Number, accepted.TrackingCode);
                return RedirectToPage("/Enterprise/Receipt");
            case SubmitOutcome.Refused refused:
                Errors = refused.Rejection.Errors ?? ValidationErrors.None;
                Problem = Errors.IsEmpty ? Resources.UiText.Pick(refused.Rejection) : null;
                FilesDropped = chosen;
                return Rejected();
            case SubmitOutcome.KeyReused reused:
                Problem = Resources.UiText.SubmitAlreadySent(reused.Ticket.Number);
                return Rejected();
            case SubmitOutcome.KeyMismatch mismatch:
                // This form was sent before and changed since (e.g. back, edit, send): say so, and let the next send be new.
                Problem = Resources.UiText.SubmitChangedAfterSending(mismatch.TicketNumber);
                Form.SubmissionKey = Guid.NewGuid().ToString("N");
                ModelState.Remove("Form.SubmissionKey");
                return Rejected();
            default:
                throw new InvalidOperationException("Unexpected submit outcome.");
        }
    }

    /// <summary>The non-urgent limits of a type, or null when the policy has none for it.</summary>
    public SlaPolicy? Limits(TicketType type) => Sla.Rules.FirstOrDefault(rule => rule.Type == type && !rule.Urgent);

    public IReadOnlyList<SlaPolicy> UrgentLimits => [.. Sla.Rules.Where(rule => rule.Urgent).OrderBy(rule => rule.Type)];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await directory.GetAsync(cancellationToken);
        Organization = snapshot.Organization;
        Sla = snapshot.Policies.Sla;
    }

    /// <summary>The messages for one field, in the page's language.</summary>
    public IEnumerable<string> MessagesFor(string field) => Errors.For(field).Select(Resources.UiText.Pick);

    private PageResult Rejected()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

/// <summary>What the receipt shows, handed over once from the submission (TempData is encrypted and read once).</summary>
public sealed record ReceiptData(string Number, string TrackingCode, DateTimeOffset SubmittedAt, string Title, string EnterpriseName, int Attachments);
