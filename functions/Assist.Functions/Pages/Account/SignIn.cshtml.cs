using Assist.Domain.Organization;
using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Account;

/// <summary>
/// Development only: every active seeded user, one click signs in as that user (DevCookie scheme). The principal
/// carries only the user id; the directory adds roles and department on every request. 404 anywhere else.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(DirectoryStore directory, StaffSignIn signIn) : PageModel
{
    public IReadOnlyList<DepartmentUsers> Groups { get; private set; } = [];

    public string ReturnUrl { get; private set; } = "";

    public bool Unknown { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "ReturnUrl")] string? returnUrl, CancellationToken cancellationToken)
    {
        if (!signIn.Development)
        {
            return NotFound();
        }

        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? user, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!signIn.Development)
        {
            return NotFound();
        }

        var staff = string.IsNullOrWhiteSpace(user) || user.Length > 256 ? null : await directory.FindUserAsync(user, cancellationToken);
        if (staff is not { Active: true })
        {
            Unknown = true;
            ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "";
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await HttpContext.SignInAsync(AssistAuthentication.DevCookieScheme, DevPrincipal.For(staff.Id, AssistAuthentication.DevCookieScheme));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : HomeOf(staff));
    }

    /// <summary>Where each role starts its day (see <see cref="StaffHome"/>).</summary>
    public static string HomeOf(StaffUser user) => StaffHome.Of(user);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        Groups = [.. organization.Staff
            .Where(u => u.Active)
            .GroupBy(u => u.DepartmentId ?? "")
            .Select(g => new DepartmentUsers(
                organization.FindDepartment(g.Key)?.Name ?? g.Key,
                [.. g.OrderBy(u => u.Roles.Contains(StaffRole.LiaisonOfficer) ? 1 : 0).ThenBy(u => u.Id, StringComparer.Ordinal)]))
            .OrderBy(g => g.Department, StringComparer.Ordinal)];
    }
}

public sealed record DepartmentUsers(string Department, IReadOnlyList<StaffUser> Users);
