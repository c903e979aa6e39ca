namespace Assist.Functions.Hosting;

/// <summary>Names for App Service Authentication ("Easy Auth") in front of the function app.</summary>
public static class EasyAuthDefaults
{
    /// <summary>The authentication scheme that reads the platform's principal header.</summary>
    public const string Scheme = "EasyAuth";

    /// <summary>The configuration key (<c>Auth__Mode</c> as an app setting) that turns the scheme on.</summary>
    public const string ModeKey = "Auth:Mode";

    /// <summary>The <see cref="ModeKey"/> value that makes the app trust <see cref="PrincipalHeader"/>.</summary>
    public const string Mode = "EasyAuth";

    /// <summary>Base64 JSON of the signed-in caller, injected by the platform after it validated the sign-in.</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Claim type of the caller's Microsoft Entra tenant id.</summary>
    public const string TenantIdClaim = "tid";

    /// <summary>Claim type of the identity provider that signed the caller in (e.g. <c>aad</c>).</summary>
    public const string IdentityProviderClaim = "idp";
}
