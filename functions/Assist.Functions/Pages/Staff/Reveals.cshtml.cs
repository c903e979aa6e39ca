using Assist.Domain.Organization;
using Assist.Functions.Api.Staff;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Pages.Staff;

/// <summary>
/// The audit of mobile-number reveals for supervisors and administrators: who revealed which ticket's number, when,
/// under which role, newest first, optionally for one ticket; a page at a time.
/// </summary>
[Authorize(Policy = AssistPolicies.RevealAuditReaders)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class RevealsModel(MobileRevealAudit audit) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "ticket")]
    public string? Ticket { get; set; }

    [BindProperty(SupportsGet = true, Name = "continuationToken")]
    public string? ContinuationToken { get; set; }

    public IReadOnlyList<MobileReveal> Items { get; private set; } = [];

    public string? NextToken { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Ticket = string.IsNullOrWhiteSpace(Ticket) ? null : Ticket.Trim();
        if (Ticket is not null && !TicketNumbers.IsPlausible(Ticket))
        {
            return Refused(UiText.RevealsBadTicket);
        }

        try
        {
            var page = await audit.ListAsync(Ticket, PageSize, string.IsNullOrEmpty(ContinuationToken) ? null : ContinuationToken, cancellationToken);
            Items = page.Items;
            NextToken = page.ContinuationToken;
            return Page();
        }
        catch (ArgumentException)
        {
            return Refused(UiText.RevealsBadToken);
        }
    }

    /// <summary>The role's name in the page language (the stored name when it is not a known role).</summary>
    public static string RoleName(string? role) =>
        Enum.TryParse<StaffRole>(role, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? UiText.Role(parsed) : role ?? "—";

    /// <summary>The query string of this list at <paramref name="token"/> (null: the first page).</summary>
    public string Query(string? token = null)
    {
        var query = QueryString.Empty;
        if (Ticket is not null)
        {
            query = query.Add("ticket", Ticket);
        }

        if (token is not null)
        {
            query = query.Add("continuationToken", token);
        }

        return query.ToUriComponent();
    }

    private PageResult Refused(string problem)
    {
        Problem = problem;
        Items = [];
        NextToken = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
