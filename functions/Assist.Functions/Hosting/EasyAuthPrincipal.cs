using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assist.Functions.Hosting;

/// <summary>
/// Reads the <c>X-MS-CLIENT-PRINCIPAL</c> header (base64 of <c>{"auth_typ","claims":[{"typ","val"}],…}</c>)
/// into a principal with the caller's Microsoft Entra object id, name and email. Roles in the header are
/// deliberately dropped: Assist takes roles and departments from its own directory, not from the identity provider.
/// </summary>
public static class EasyAuthPrincipal
{
    // The platform maps some token claims to long names ("oid" → objectidentifier); both forms are accepted.
    private static readonly string[] ObjectIdTypes = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];
    private static readonly string[] NameTypes = ["name", ClaimTypes.Name];
    private static readonly string[] EmailTypes = [ClaimTypes.Email, "email", "preferred_username", ClaimTypes.Upn, "upn"];
    private static readonly string[] TenantTypes = ["http://schemas.microsoft.com/identity/claims/tenantid", EasyAuthDefaults.TenantIdClaim];

    /// <summary>Parses the header value; the error says why when it cannot be trusted as a principal.</summary>
    public static bool TryParse(string? headerValue, [NotNullWhen(true)] out ClaimsPrincipal? principal, [NotNullWhen(false)] out string? error)
    {
        principal = null;
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            error = "the principal header is empty.";
            return false;
        }

        ClientPrincipal? parsed;
        try
        {
            var json = Convert.FromBase64String(headerValue.Trim());
            parsed = JsonSerializer.Deserialize<ClientPrincipal>(Encoding.UTF8.GetString(json));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            error = "the principal header is not base64-encoded JSON.";
            return false;
        }

        var claims = parsed?.Claims ?? [];
        var objectId = First(claims, ObjectIdTypes);
        if (!Guid.TryParse(objectId, out var oid))
        {
            error = "the principal has no Microsoft Entra object id.";
            return false;
        }

        var identityClaims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, oid.ToString("D")),
            new(EasyAuthDefaults.IdentityProviderClaim, string.IsNullOrWhiteSpace(parsed!.AuthenticationType) ? "aad" : parsed.AuthenticationType),
        };
        AddIfPresent(identityClaims, ClaimTypes.Name, First(claims, NameTypes));
        AddIfPresent(identityClaims, ClaimTypes.Email, First(claims, EmailTypes));
        AddIfPresent(identityClaims, EasyAuthDefaults.TenantIdClaim, First(claims, TenantTypes));

        principal = new ClaimsPrincipal(new ClaimsIdentity(identityClaims, EasyAuthDefaults.Scheme, ClaimTypes.Name, ClaimTypes.Role));
        error = null;
        return true;
    }

    private static string? First(IReadOnlyList<ClientClaim> claims, string[] types)
    {
        foreach (var type in types)
        {
            var match = claims.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(c.Value));
            if (match is not null)
            {
                return match.Value;
            }
        }

        return null;
    }

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            claims.Add(new Claim(type, value));
        }
    }

    private sealed record ClientPrincipal(
        [property: JsonPropertyName("auth_typ")] string? AuthenticationType,
        [property: JsonPropertyName("claims")] IReadOnlyList<ClientClaim>? Claims);

    private sealed record ClientClaim(
        [property: JsonPropertyName("typ")] string? Type,
        [property: JsonPropertyName("val")] string? Value);
}
