using Assist.Functions.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Assist.Functions.Security;

/// <summary>
/// API callers get 401/403 as problem+json instead of a scheme's challenge (a redirect to a sign-in page makes no
/// sense to a program); pages keep the schemes' sign-in redirect, and a signed-in user without the role gets the
/// readable 403 page (not a cookie scheme's access-denied redirect to a page that does not exist).
/// </summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if ((authorizeResult.Challenged || authorizeResult.Forbidden) && context.Request.Path.StartsWithSegments("/api"))
        {
            if (authorizeResult.Challenged)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ApiProblems.Unauthenticated(context.Request).ExecuteAsync(context);
                return;
            }

            await ApiProblems.Forbidden(context.Request, "Your role does not allow this.", "您的角色无权执行此操作。").ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            await Web.PageResults.Error(Web.PageContext.For(context.Request), StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
