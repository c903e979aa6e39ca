using System.Globalization;
using Assist.Domain.Organization;
using Assist.Domain.Validation;
using Assist.Functions.Api;
using Assist.Functions.Api.Staff;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Pages.Staff;

/// <summary>
/// The staff ticket page: the staff view (enterprise hidden from departments when confidential), the full timeline,
/// attachments, the masked mobile with an audited reveal, and a form for every action the state and the caller's
/// role allow. Each form carries the version it was read at (the page's If-Match): a concurrent change is refused
/// with a clear message instead of being overwritten.
/// A reveal is post-redirect-get: the POST records the reveal and leaves a one-shot receipt in TempData (the ticket,
/// the caller, a short expiry — never the number itself); the GET it redirects to shows the number once. A reload
/// finds no receipt, so it neither reveals nor logs again.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class TicketModel(
    StaffCommandRunner runner,
    TicketService tickets,
    DirectoryStore directory,
    MobileRevealAudit audit,
    IAuthorizationService authorization,
    TimeProvider time) : PageModel
{
    private const string RevealReceiptKey = "revealed";
    private static readonly TimeSpan RevealReceiptLifetime = TimeSpan.FromMinutes(2);

    private TicketRecord? _record;

    public StaffTicketView View { get; private set; } = null!;

    public OrganizationDirectory Organization { get; private set; } = null!;

    public TimelineModel Timeline { get; private set; } = null!;

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public RevealedMobile? Revealed { get; private set; }

    /// <summary>Whether the reveal button is offered (overseers; the holding department unless confidential).</summary>
    public bool CanRevealMobile { get; private set; }

    /// <summary>The action whose form was refused (kept open with what was typed).</summary>
    public string? FailedAction { get; private set; }

    public ValidationErrors Errors { get; private set; } = ValidationErrors.None;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var shown = await ShowAsync(number, cancellationToken);
        if (shown is not null)
        {
            return shown;
        }

        Done = TempData["done"] as string;
        Revealed = RevealedByReceipt(TempData[RevealReceiptKey] as string);
        CanRevealMobile &= Revealed is null;
        return Page();
    }

    /// <summary>
    /// Reveals the mobile number (POST, audited) to whoever <see cref="StaffCaller.MayRevealMobileOf"/>
    /// admits, then redirects (303) to the ticket page, which shows it once.
    /// </summary>
    public async Task<IActionResult> OnPostRevealAsync(string number, CancellationToken cancellationToken)
    {
        var (record, visible) = await runner.FindAsync(User, number, cancellationToken);
        if (record is null || !visible)
        {
            return record is null ? NotFound() : StatusCode(StatusCodes.Status403Forbidden);
        }

        var revealed = await audit.RevealAsync(User, record, ClientAddress.Of(HttpContext), cancellationToken);
        if (revealed is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var expires = time.GetUtcNow() + RevealReceiptLifetime;
        TempData[RevealReceiptKey] = string.Join('\n', record.Number, User.UserId(), expires.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Response.Headers.Location = "/staff/tickets/" + Uri.EscapeDataString(record.Number);
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    public async Task<IActionResult> OnPostActAsync(string number, string? op, string? version, CancellationToken cancellationToken)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            Problem = UiText.VersionMissing;
            return await RefusedAsync(number, op, StatusCodes.Status428PreconditionRequired, cancellationToken);
        }

        var form = Request.Form;
        string? Text(string name) => form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;
        int? Int(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        bool? Bool(string name) => Text(name) switch { "true" => true, "false" => false, _ => null };
        IReadOnlyList<string> List(string name) => [.. form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())];

        var outcome = op switch
        {
            nameof(StaffActions.RouteTicket) => await RunAsync(StaffActions.RouteTicket, new RouteTicketRequest(Text("leadDepartmentId"), List("coHandlerDepartmentIds")), number, expected, cancellationToken),
            nameof(StaffActions.AssignOfficer) => await RunAsync(StaffActions.AssignOfficer, new AssignOfficerRequest(Text("officerId")), number, expected, cancellationToken),
            nameof(StaffActions.ReassignOfficer) => await RunAsync(StaffActions.ReassignOfficer, new ReassignOfficerRequest(Text("officerId"), Text("reason")), number, expected, cancellationToken),
            nameof(StaffActions.CheckInTicket) => await RunAsync(StaffActions.CheckInTicket, new CheckInRequest(Text("departmentId")), number, expected, cancellationToken),
            nameof(StaffActions.RecordContact) => await RunAsync(StaffActions.RecordContact, new NoteRequest(Text("note")), number, expected, cancellationToken),
            nameof(StaffActions.RecordProgress) => await RunAsync(StaffActions.RecordProgress, new NoteRequest(Text("note")), number, expected, cancellationToken),
            nameof(StaffActions.RequestInformation) => await RunAsync(StaffActions.RequestInformation, new RequestInformationRequest(Text("question")), number, expected, cancellationToken),
            nameof(StaffActions.ReplyToTicket) => await RunAsync(StaffActions.ReplyToTicket, new ReplyRequest(Text("answer"), Bool("resolved")), number, expected, cancellationToken),
            nameof(StaffActions.RequestExtension) => await RunAsync(StaffActions.RequestExtension, new RequestExtensionRequest(Int("workingDays"), Text("reason")), number, expected, cancellationToken),
            nameof(StaffActions.DecideExtension) => await RunAsync(StaffActions.DecideExtension, new DecideExtensionRequest(Bool("approve"), Text("note"), Int("workingDays")), number, expected, cancellationToken),
            nameof(StaffActions.ReturnTicket) => await RunAsync(StaffActions.ReturnTicket, new ReturnTicketRequest(Text("reason")), number, expected, cancellationToken),
            nameof(StaffActions.DecideReturn) => await RunAsync(StaffActions.DecideReturn, new DecideReturnRequest(Bool("accept"), Text("note"), Text("newLeadDepartmentId"), List("newCoHandlerDepartmentIds")), number, expected, cancellationToken),
            nameof(StaffActions.EscalateTicket) => await RunAsync(StaffActions.EscalateTicket, new NoteRequest(Text("note")), number, expected, cancellationToken),
            nameof(StaffActions.IssueSupervisionOrder) => await RunAsync(StaffActions.IssueSupervisionOrder, new IssueSupervisionOrderRequest(Text("departmentId"), Text("instructions"), Int("workingDays")), number, expected, cancellationToken),
            _ => null,
        };

        switch (outcome)
        {
            case null:
                return NotFound();
            case StaffOutcome.Accepted:
                TempData["done"] = UiText.ActionDone(op!);
                return Redirect("/staff/tickets/" + Uri.EscapeDataString(number));
            case StaffOutcome.NotFound:
                return NotFound();
            case StaffOutcome.NotVisible:
                return StatusCode(StatusCodes.Status403Forbidden);
            case StaffOutcome.Invalid invalid:
                Errors = invalid.Errors;
                return await RefusedAsync(number, op, StatusCodes.Status400BadRequest, cancellationToken);
            case StaffOutcome.Rejected rejected:
                Problem = UiText.Pick(rejected.Rejection);
                Errors = rejected.Rejection.Errors ?? ValidationErrors.None;
                return await RefusedAsync(number, op, ApiProblems.StatusOf(rejected.Rejection.Code), cancellationToken);
            case StaffOutcome.VersionMismatch mismatch:
                Problem = UiText.VersionChanged(expected, mismatch.CurrentVersion);
                return await RefusedAsync(number, op, StatusCodes.Status409Conflict, cancellationToken);
            default:
                return NotFound();
        }
    }

    public IEnumerable<string> MessagesFor(string field) => Errors.For(field).Select(UiText.Pick);

    /// <summary>What was typed in the refused form (so nothing is lost).</summary>
    public string? Typed(string op, string field) =>
        FailedAction == op && Request.HasFormContentType && Request.Form.TryGetValue(field, out var value) ? value.ToString() : null;

    public string DepartmentName(string? id) => Timeline.DepartmentName(id);

    public string UserName(string? id) => Timeline.UserName(id);

    /// <summary>Officers of the lead department, for assignment.</summary>
    public IReadOnlyList<StaffUser> LeadOfficers =>
        [.. Organization.Staff.Where(u => u.Active && u.DepartmentId == View.LeadDepartmentId && u.Has(StaffRole.LiaisonOfficer))];

    public IReadOnlyList<Department> HandlingCandidates =>
        [.. Organization.Departments.Where(d => d.Active && !d.IsHqOffice)];

    /// <summary>The number to show for a one-shot receipt left by the reveal POST, when it is this ticket's, this caller's, fresh, and still allowed.</summary>
    private RevealedMobile? RevealedByReceipt(string? receipt)
    {
        var parts = receipt?.Split('\n');
        if (parts is not [var number, var userId, var ticks]
            || number != View.Number
            || userId != User.UserId()
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || time.GetUtcNow().UtcTicks > expires
            || _record is not { State.Submission: { } submission } record
            || !User.MayRevealMobileOf(record.State))
        {
            return null;
        }

        return new RevealedMobile(number, submission.Enterprise.ContactName, submission.Enterprise.Mobile, new DateTimeOffset(Math.Max(0, expires - RevealReceiptLifetime.Ticks), TimeSpan.Zero));
    }

    private async Task<StaffOutcome?> RunAsync<TBody>(StaffAction<TBody> action, TBody body, string number, int expected, CancellationToken cancellationToken)
        where TBody : class
    {
        // The same role policy the API endpoint requires, then the shared runner (visibility, checks, the command).
        if (!(await authorization.AuthorizeAsync(User, action.Policy)).Succeeded)
        {
            return new StaffOutcome.NotVisible();
        }

        return await runner.ExecuteAsync(User, number, action, body, expected, cancellationToken);
    }

    private async Task<IActionResult> RefusedAsync(string number, string? op, int status, CancellationToken cancellationToken)
    {
        FailedAction = op;
        var shown = await ShowAsync(number, cancellationToken);
        if (shown is not null)
        {
            return shown;
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> ShowAsync(string number, CancellationToken cancellationToken)
    {
        var (record, visible) = await runner.FindAsync(User, number, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        if (!visible)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        _record = record;
        CanRevealMobile = User.MayRevealMobileOf(record.State);
        var ledger = await tickets.GetLedgerAsync(record.Number, cancellationToken);
        var snapshot = await directory.GetAsync(cancellationToken);
        Organization = snapshot.Organization;
        View = TicketViewMapper.Staff(record, ledger, User, new OfferMoment(time.GetUtcNow(), snapshot.Policies.Extension, snapshot.Calendar), !PageCulture.IsEnglish);
        Timeline = new TimelineModel(View.Timeline, Organization, id => $"/api/tickets/{Uri.EscapeDataString(record.Number)}/attachments/{Uri.EscapeDataString(id)}");
        return null;
    }
}
