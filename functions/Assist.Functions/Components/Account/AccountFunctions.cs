using Assist.Domain.Organization;
using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Components.Account;

/// <summary>
/// Staff sign-in and sign-out. In Development a page lists every active seeded user and one click signs in as that
/// user (DevCookie scheme; the principal carries only the user id, the directory adds roles and department on every
/// request); it is a 404 anywhere else. Sign-out is the same form in every mode (<see cref="StaffSignIn.SignOutAsync"/>).
/// </summary>
[AllowAnonymous]
[ExcludeFromDescription]
public sealed class AccountFunctions(DirectoryStore directory, StaffSignIn signIn)
{
    [Function("SignInPage")]
    public async Task<IResult> SignInAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "dev/sign-in")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        if (!signIn.Development)
        {
            return PageResults.Error(page, StatusCodes.Status404NotFound);
        }

        if (HttpMethods.IsGet(request.Method))
        {
            return PageResults.Render<SignIn>(page, new { Groups = await GroupsAsync(cancellationToken), ReturnUrl = PageForms.LocalUrl(request.Query["ReturnUrl"], "") });
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return PageResults.BadRequest(page);
        }

        var user = form.Value("user");
        var returnUrl = PageForms.LocalUrl(form.Value("returnUrl"), "");
        var staff = string.IsNullOrWhiteSpace(user) || user.Length > 256 ? null : await directory.FindUserAsync(user, cancellationToken);
        if (staff is not { Active: true })
        {
            return PageResults.Render<SignIn>(page, new { Groups = await GroupsAsync(cancellationToken), ReturnUrl = returnUrl, Unknown = true }, StatusCodes.Status400BadRequest);
        }

        await request.HttpContext.SignInAsync(AssistAuthentication.DevCookieScheme, DevPrincipal.For(staff.Id, AssistAuthentication.DevCookieScheme));
        return Results.LocalRedirect(returnUrl.Length > 0 ? returnUrl : StaffHome.Of(staff));
    }

    /// <summary>Sign-out (POST with the anti-forgery token): the session goes (with Entra, through Entra's sign-out).</summary>
    [Function("SignOut")]
    public async Task<IResult> SignOutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "sign-out")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return Results.Redirect("/");
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is null)
        {
            return PageResults.BadRequest(PageContext.For(request));
        }

        return await signIn.SignOutAsync(request.HttpContext);
    }

    private async Task<IReadOnlyList<DepartmentUsers>> GroupsAsync(CancellationToken cancellationToken)
    {
        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        return [.. organization.Staff
            .Where(u => u.Active)
            .GroupBy(u => u.DepartmentId ?? "")
            .Select(g => new DepartmentUsers(
                organization.FindDepartment(g.Key)?.Name ?? g.Key,
                [.. g.OrderBy(u => u.Roles.Contains(StaffRole.LiaisonOfficer) ? 1 : 0).ThenBy(u => u.Id, StringComparer.Ordinal)]))
            .OrderBy(g => g.Department, StringComparer.Ordinal)];
    }
}

/// <summary>The users of one department on the development sign-in page.</summary>
public sealed record DepartmentUsers(string Department, IReadOnlyList<StaffUser> Users);
