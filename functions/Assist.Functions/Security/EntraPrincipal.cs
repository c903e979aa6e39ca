using System.Security.Claims;

namespace Assist.Functions.Security;

/// <summary>
/// What Assist keeps of a validated Microsoft Entra token (access token or ID token): the caller's object id
/// (<c>oid</c>, as <see cref="ClaimTypes.NameIdentifier"/>), tenant, display name and sign-in name (<c>preferred_username</c>
/// or <c>upn</c>, as <see cref="ClaimTypes.Upn"/>). Nothing else: roles, groups and scopes in the token are dropped,
/// because Assist takes roles and departments from its own directory (<see cref="DirectoryClaimsTransformation"/>), and
/// the session cookie stays small. The optional <c>email</c> claim is not kept: the tenant does not verify it for every
/// kind of account, so it identifies nobody here.
/// </summary>
public static class EntraPrincipal
{
    public const string AuthenticationType = "Entra";

    /// <summary>Claim type of the caller's Microsoft Entra tenant id.</summary>
    public const string TenantIdClaim = "tid";

    // The handlers may map JWT claim names to long ones ("oid" → objectidentifier); both forms are read.
    private static readonly string[] ObjectIdTypes = ["oid", "http://schemas.microsoft.com/identity/claims/objectidentifier"];
    private static readonly string[] TenantTypes = [TenantIdClaim, "http://schemas.microsoft.com/identity/claims/tenantid"];
    private static readonly string[] NameTypes = ["name", ClaimTypes.Name];
    private static readonly string[] SignInNameTypes = ["preferred_username", "upn", ClaimTypes.Upn];

    /// <summary>The caller as Assist knows them, or null when the token names no object id.</summary>
    public static ClaimsPrincipal? From(ClaimsPrincipal? validated)
    {
        if (validated is null || !Guid.TryParse(First(validated, ObjectIdTypes), out var objectId))
        {
            return null;
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, objectId.ToString("D")) };
        AddIfPresent(claims, TenantIdClaim, First(validated, TenantTypes));
        AddIfPresent(claims, ClaimTypes.Name, First(validated, NameTypes));
        // A sign-in name is user@domain (a domain the tenant verified): never one of the directory's plain ids (e.g. admin).
        if (First(validated, SignInNameTypes) is { } signInName && signInName.Contains('@', StringComparison.Ordinal))
        {
            claims.Add(new Claim(ClaimTypes.Upn, signInName));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    private static string? First(ClaimsPrincipal principal, string[] types) =>
        types.Select(principal.FindFirstValue).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}
