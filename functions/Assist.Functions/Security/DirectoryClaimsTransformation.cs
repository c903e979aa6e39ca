using System.Security.Claims;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authentication;

namespace Assist.Functions.Security;

/// <summary>
/// Adds the caller's directory user id, name, roles and department. The identity provider only says who signed in:
/// development principals carry the directory id; a Microsoft Entra user (<see cref="EntraPrincipal"/>) is the directory
/// user whose id is their Entra object id (<c>oid</c>, which never changes and is never reused), or else their sign-in
/// name (<c>preferred_username</c>/<c>upn</c>, e.g. <c>li.na@district.gov.cn</c>, also tried in lower case). Unknown or
/// inactive users stay signed in but get no roles, so staff endpoints answer 403 (they are known, not staff).
/// </summary>
public sealed partial class DirectoryClaimsTransformation(DirectoryStore directory, ILogger<DirectoryClaimsTransformation> logger) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } || principal.HasClaim(c => c.Type == AssistClaims.Resolved))
        {
            return principal;
        }

        var transformed = principal.Clone();
        var identity = (ClaimsIdentity)transformed.Identity!;
        identity.AddClaim(new Claim(AssistClaims.Resolved, "true"));

        foreach (var candidate in Candidates(principal))
        {
            if (string.IsNullOrWhiteSpace(candidate) || candidate.Length > 256)
            {
                continue;
            }

            var user = await directory.FindUserAsync(candidate);
            if (user is not { Active: true })
            {
                continue;
            }

            identity.AddClaim(new Claim(AssistClaims.UserId, user.Id));
            identity.AddClaim(new Claim(AssistClaims.UserName, user.Name));
            foreach (var role in user.Roles)
            {
                identity.AddClaim(new Claim(identity.RoleClaimType, role.ToString()));
            }

            if (user.DepartmentId is { } departmentId)
            {
                identity.AddClaim(new Claim(AssistClaims.DepartmentId, departmentId));
                var snapshot = await directory.GetAsync();
                if (snapshot.Organization.FindDepartment(departmentId)?.IsHqOffice == true)
                {
                    identity.AddClaim(new Claim(AssistClaims.HqOffice, "true"));
                }
            }

            return transformed;
        }

        LogUnknownUser(logger, principal.FindFirstValue(ClaimTypes.NameIdentifier));
        return transformed;
    }

    /// <summary>The ids the caller may have in the directory, most stable first.</summary>
    private static IEnumerable<string?> Candidates(ClaimsPrincipal principal)
    {
        yield return principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.FindFirstValue(ClaimTypes.Upn) is { } signInName)
        {
            yield return signInName;
            var lower = signInName.ToLowerInvariant();
            if (lower != signInName)
            {
                yield return lower;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed-in user {UserId} is not an active directory user: no roles")]
    private static partial void LogUnknownUser(ILogger logger, string? userId);
}
