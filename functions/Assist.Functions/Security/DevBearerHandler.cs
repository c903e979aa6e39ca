using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer …</c> with a token from <c>POST /api/dev/token</c>. Registered only in
/// Development. The principal carries only the user id; roles come from the directory (claims transformation).
/// </summary>
public sealed class DevBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DevTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var userId = tokens.Validate(header["Bearer ".Length..].Trim());
        if (userId is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is invalid or expired."));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(DevPrincipal.For(userId, Scheme.Name), Scheme.Name)));
    }
}
