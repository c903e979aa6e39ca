using System.Globalization;
using System.Security.Claims;
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
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Components.Staff;

/// <summary>
/// The staff ticket page: the staff view (enterprise hidden from departments when confidential), the full timeline,
/// attachments, the masked mobile with an audited reveal, and a form for every action the state and the caller's
/// role allow. Each form carries the version it was read at (the page's If-Match): a concurrent change is refused
/// with a clear message instead of being overwritten. The forms post to <c>?handler=Act</c> (the action in
/// <c>op</c>) and <c>?handler=Reveal</c>; an accepted action comes back here (302) with a one-shot "done" message.
/// A reveal is post-redirect-get: the POST records the reveal and leaves a one-shot receipt in TempData (the ticket,
/// the caller, a short expiry — never the number itself); the GET it redirects to (303) shows the number once. A
/// reload finds no receipt, so it neither reveals nor logs again. Nothing here is cached (no-store).
/// </summary>
[Authorize(Policy = AssistPolicies.Staff)]
[ExcludeFromDescription]
public sealed class TicketPageFunctions(
    StaffCommandRunner runner,
    TicketService tickets,
    DirectoryStore directory,
    MobileRevealAudit audit,
    IAuthorizationService authorization,
    ITempDataDictionaryFactory tempDataFactory,
    TimeProvider time)
{
    private const string DoneKey = "done";
    private const string RevealReceiptKey = "revealed";
    private static readonly TimeSpan RevealReceiptLifetime = TimeSpan.FromMinutes(2);

    [Function("StaffTicketPage")]
    public async Task<IResult> TicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "staff/tickets/{number}")] HttpRequest request,
        string number,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return await ShowAsync(request, number, cancellationToken);
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return PageResults.BadRequest(PageContext.For(request));
        }

        var handler = request.Query["handler"].FirstOrDefault();
        if (string.Equals(handler, "Act", StringComparison.OrdinalIgnoreCase))
        {
            return await ActAsync(request, number, form, cancellationToken);
        }

        if (string.Equals(handler, "Reveal", StringComparison.OrdinalIgnoreCase))
        {
            return await RevealAsync(request, number, cancellationToken);
        }

        return PageResults.Error(PageContext.For(request), StatusCodes.Status404NotFound);
    }

    /// <summary>The page, with the one-shot "done" message and the number a reveal receipt admits, if any.</summary>
    private async Task<IResult> ShowAsync(HttpRequest request, string number, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        var (shown, failure) = await FindAsync(page, number, cancellationToken);
        if (shown is null)
        {
            return failure!;
        }

        var tempData = tempDataFactory.GetTempData(request.HttpContext);
        var done = tempData[DoneKey] as string;
        var revealed = RevealedByReceipt(page.User, shown, tempData[RevealReceiptKey] as string);
        tempData.Save();
        return Render(page, shown, StatusCodes.Status200OK, canRevealMobile: shown.CanRevealMobile && revealed is null, done: done, revealed: revealed);
    }

    /// <summary>
    /// Reveals the mobile number (POST, audited) to whoever <see cref="StaffCaller.MayRevealMobileOf"/>
    /// admits, then redirects (303) to the ticket page, which shows it once.
    /// </summary>
    private async Task<IResult> RevealAsync(HttpRequest request, string number, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var (record, visible) = await runner.FindAsync(http.User, number, cancellationToken);
        if (record is null || !visible)
        {
            return PageResults.Error(PageContext.For(request), record is null ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden);
        }

        var revealed = await audit.RevealAsync(http.User, record, ClientAddress.Of(http), cancellationToken);
        if (revealed is null)
        {
            return PageResults.Error(PageContext.For(request), StatusCodes.Status403Forbidden);
        }

        var expires = time.GetUtcNow() + RevealReceiptLifetime;
        var tempData = tempDataFactory.GetTempData(http);
        tempData[RevealReceiptKey] = string.Join('\n', record.Number, http.User.UserId(), expires.UtcTicks.ToString(CultureInfo.InvariantCulture));
        tempData.Save();
        NoStore(http.Response);
        http.Response.Headers.Location = "/staff/tickets/" + Uri.EscapeDataString(record.Number);
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>One staff action from its form; refused, the page again with the form open, what was typed and why.</summary>
    private async Task<IResult> ActAsync(HttpRequest request, string number, IFormCollection form, CancellationToken cancellationToken)
    {
        var op = form.Bound(request, "op");
        if (!int.TryParse(form.Bound(request, "version"), NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return await RefusedAsync(request, number, form, op, StatusCodes.Status428PreconditionRequired, UiText.VersionMissing, ValidationErrors.None, cancellationToken);
        }

        string? Text(string name) => form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;
        int? Int(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        bool? Bool(string name) => Text(name) switch { "true" => true, "false" => false, _ => null };
        IReadOnlyList<string> List(string name) => [.. form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())];

        var user = request.HttpContext.User;
        Task<StaffOutcome> RunAsync<TBody>(StaffAction<TBody> action, TBody body)
            where TBody : class => this.RunAsync(user, action, body, number, expected, cancellationToken);

        StaffOutcome? outcome = op switch
        {
            nameof(StaffActions.RouteTicket) => await RunAsync(StaffActions.RouteTicket, new RouteTicketRequest(Text("leadDepartmentId"), List("coHandlerDepartmentIds"))),
            nameof(StaffActions.AssignOfficer) => await RunAsync(StaffActions.AssignOfficer, new AssignOfficerRequest(Text("officerId"))),
            nameof(StaffActions.ReassignOfficer) => await RunAsync(StaffActions.ReassignOfficer, new ReassignOfficerRequest(Text("officerId"), Text("reason"))),
            nameof(StaffActions.CheckInTicket) => await RunAsync(StaffActions.CheckInTicket, new CheckInRequest(Text("departmentId"))),
            nameof(StaffActions.RecordContact) => await RunAsync(StaffActions.RecordContact, new NoteRequest(Text("note"))),
            nameof(StaffActions.RecordProgress) => await RunAsync(StaffActions.RecordProgress, new NoteRequest(Text("note"))),
            nameof(StaffActions.SubmitContribution) => await RunAsync(StaffActions.SubmitContribution, new ContributionRequest(Text("departmentId"), Text("text"))),
            nameof(StaffActions.RequestInformation) => await RunAsync(StaffActions.RequestInformation, new RequestInformationRequest(Text("question"))),
            nameof(StaffActions.ReplyToTicket) => await RunAsync(StaffActions.ReplyToTicket, new ReplyRequest(Text("answer"), Bool("resolved"))),
            nameof(StaffActions.RequestExtension) => await RunAsync(StaffActions.RequestExtension, new RequestExtensionRequest(Int("workingDays"), Text("reason"))),
            nameof(StaffActions.DecideExtension) => await RunAsync(StaffActions.DecideExtension, new DecideExtensionRequest(Bool("approve"), Text("note"), Int("workingDays"))),
            nameof(StaffActions.ReturnTicket) => await RunAsync(StaffActions.ReturnTicket, new ReturnTicketRequest(Text("reason"))),
            nameof(StaffActions.DecideReturn) => await RunAsync(StaffActions.DecideReturn, new DecideReturnRequest(Bool("accept"), Text("note"), Text("newLeadDepartmentId"), List("newCoHandlerDepartmentIds"))),
            nameof(StaffActions.EscalateTicket) => await RunAsync(StaffActions.EscalateTicket, new NoteRequest(Text("note"))),
            nameof(StaffActions.IssueSupervisionOrder) => await RunAsync(StaffActions.IssueSupervisionOrder, new IssueSupervisionOrderRequest(Text("departmentId"), Text("instructions"), Int("workingDays"))),
            nameof(StaffActions.GiveInstruction) => await RunAsync(StaffActions.GiveInstruction, new GiveInstructionRequest(Text("instruction"))),
            nameof(StaffActions.AcknowledgeInstruction) => await RunAsync(StaffActions.AcknowledgeInstruction, new AcknowledgeInstructionRequest(Text("note"))),
            _ => null,
        };

        switch (outcome)
        {
            case StaffOutcome.Accepted:
                var tempData = tempDataFactory.GetTempData(request.HttpContext);
                tempData[DoneKey] = UiText.ActionDone(op!);
                tempData.Save();
                NoStore(request.HttpContext.Response);
                return Results.Redirect("/staff/tickets/" + Uri.EscapeDataString(number));
            case StaffOutcome.NotVisible:
                return PageResults.Error(PageContext.For(request), StatusCodes.Status403Forbidden);
            case StaffOutcome.Invalid invalid:
                return await RefusedAsync(request, number, form, op, StatusCodes.Status400BadRequest, null, invalid.Errors, cancellationToken);
            case StaffOutcome.Rejected rejected:
                return await RefusedAsync(
                    request, number, form, op, ApiProblems.StatusOf(rejected.Rejection.Code), UiText.Pick(rejected.Rejection), rejected.Rejection.Errors ?? ValidationErrors.None, cancellationToken);
            case StaffOutcome.VersionMismatch mismatch:
                return await RefusedAsync(request, number, form, op, StatusCodes.Status409Conflict, UiText.VersionChanged(expected, mismatch.CurrentVersion), ValidationErrors.None, cancellationToken);
            default:
                // An unknown action, or the ticket is not there.
                return PageResults.Error(PageContext.For(request), StatusCodes.Status404NotFound);
        }
    }

    private async Task<StaffOutcome> RunAsync<TBody>(ClaimsPrincipal user, StaffAction<TBody> action, TBody body, string number, int expected, CancellationToken cancellationToken)
        where TBody : class
    {
        // The same role policy the API endpoint requires, then the shared runner (visibility, checks, the command).
        if (!(await authorization.AuthorizeAsync(user, action.Policy)).Succeeded)
        {
            return new StaffOutcome.NotVisible();
        }

        return await runner.ExecuteAsync(user, number, action, body, expected, cancellationToken);
    }

    /// <summary>The page again with <paramref name="status"/>: the refused form open with what was typed, and why.</summary>
    private async Task<IResult> RefusedAsync(
        HttpRequest request, string number, IFormCollection form, string? op, int status, string? problem, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        var (shown, failure) = await FindAsync(page, number, cancellationToken);
        if (shown is null)
        {
            return failure!;
        }

        return Render(page, shown, status, shown.CanRevealMobile, problem: problem, failedAction: op, errors: errors, form: form);
    }

    /// <summary>The ticket as this caller may see it, or the 404 or 403 page.</summary>
    private async Task<(Shown? Shown, IResult? Failure)> FindAsync(PageContext page, string number, CancellationToken cancellationToken)
    {
        var user = page.User;
        var (record, visible) = await runner.FindAsync(user, number, cancellationToken);
        if (record is null)
        {
            return (null, PageResults.Error(page, StatusCodes.Status404NotFound));
        }

        if (!visible)
        {
            return (null, PageResults.Error(page, StatusCodes.Status403Forbidden));
        }

        var ledger = await tickets.GetLedgerAsync(record.Number, cancellationToken);
        var snapshot = await directory.GetAsync(cancellationToken);
        var organization = snapshot.Organization;
        var view = TicketViewMapper.Staff(record, ledger, user, new OfferMoment(time.GetUtcNow(), snapshot.Policies.Extension, snapshot.Calendar), !page.IsEnglish);
        var timeline = new TimelineModel(view.Timeline, organization, id => $"/api/tickets/{Uri.EscapeDataString(record.Number)}/attachments/{Uri.EscapeDataString(id)}");
        return (new Shown(record, view, organization, timeline, user.MayRevealMobileOf(record.State)), null);
    }

    /// <summary>The number to show for a one-shot receipt left by the reveal POST, when it is this ticket's, this caller's, fresh, and still allowed.</summary>
    private RevealedMobile? RevealedByReceipt(ClaimsPrincipal user, Shown shown, string? receipt)
    {
        var parts = receipt?.Split('\n');
        if (parts is not [var number, var userId, var ticks]
            || number != shown.View.Number
            || userId != user.UserId()
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || time.GetUtcNow().UtcTicks > expires
            || shown.Record is not { State.Submission: { } submission } record
            || !user.MayRevealMobileOf(record.State))
        {
            return null;
        }

        return new RevealedMobile(number, submission.Enterprise.ContactName, submission.Enterprise.Mobile, new DateTimeOffset(Math.Max(0, expires - RevealReceiptLifetime.Ticks), TimeSpan.Zero));
    }

    /// <summary>The page for a ticket the caller may see, with the flash or the refused form (open, with what was typed) if any.</summary>
    private static PageResult<Ticket> Render(
        PageContext page,
        Shown shown,
        int status,
        bool canRevealMobile,
        string? done = null,
        RevealedMobile? revealed = null,
        string? problem = null,
        string? failedAction = null,
        ValidationErrors? errors = null,
        IFormCollection? form = null)
    {
        var organization = shown.Organization;
        return PageResults.Render<Ticket>(page, new
        {
            shown.View,
            shown.Timeline,
            // Officers of the lead department, for assignment; the departments that may handle tickets, for routing.
            LeadOfficers = (IReadOnlyList<StaffUser>)[.. organization.Staff
                .Where(u => u.Active && u.DepartmentId == shown.View.LeadDepartmentId && u.Has(StaffRole.LiaisonOfficer))],
            HandlingCandidates = (IReadOnlyList<Department>)[.. organization.Departments.Where(d => d.Active && !d.IsHqOffice)],
            CanRevealMobile = canRevealMobile,
            Done = done,
            Revealed = revealed,
            Problem = problem,
            FailedAction = failedAction,
            Errors = errors ?? ValidationErrors.None,
            Form = form,
        }, status);
    }

    /// <summary>What the page's [ResponseCache(NoStore = true, Location = None)] said of its redirects too.</summary>
    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store,no-cache";
        response.Headers.Pragma = "no-cache";
    }

    /// <summary>A ticket the caller may see, read for the page.</summary>
    private sealed record Shown(TicketRecord Record, StaffTicketView View, OrganizationDirectory Organization, TimelineModel Timeline, bool CanRevealMobile);
}
