using System.Security.Cryptography;
using System.Text;
using Assist.Functions.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Assist.Functions.Tests.Security;

/// <summary>
/// A Microsoft Entra tenant made up for the tests: its own RSA signing key, and the OpenID configuration Entra
/// publishes for a tenant (issuer, endpoints, signing keys) given to the app's handlers as it is, since nothing here
/// reaches the internet. Tokens are signed with that key, so the app's real validation (Microsoft.Identity.Web, the JWT
/// bearer and OpenID Connect handlers) checks them: no validator is mocked.
/// </summary>
public sealed class EntraTestTenant : IDisposable
{
    public const string Instance = "https://login.microsoftonline.com/";
    public const string TenantId = "7d3c9a51-2b64-4e0f-9a8d-5c1e2f3a4b6c";
    public const string OtherTenantId = "0f1e2d3c-4b5a-6978-8a9b-acbdcedfe0f1";
    public const string ClientId = "3a9b1c7e-5d2f-4e8a-b6c4-1f0e9d8c7b6a";
    public const string KeyId = "assist-test-key";

    /// <summary>What an app role assigned in Entra adds to a token; Assist must not take it.</summary>
    public static readonly string[] AdministratorRole = ["Administrator"];

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);

    public EntraTestTenant()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.ExportParameters(false)) { KeyId = KeyId });
        jwk.Use = "sig";
        Configuration = new OpenIdConnectConfiguration
        {
            Issuer = IssuerOf(TenantId),
            AuthorizationEndpoint = $"{Instance}{TenantId}/oauth2/v2.0/authorize",
            TokenEndpoint = $"{Instance}{TenantId}/oauth2/v2.0/token",
            EndSessionEndpoint = $"{Instance}{TenantId}/oauth2/v2.0/logout",
            JwksUri = $"{Instance}{TenantId}/discovery/v2.0/keys",
            JsonWebKeySet = new JsonWebKeySet(),
        };
        Configuration.JsonWebKeySet.Keys.Add(jwk);
        Configuration.SigningKeys.Add(jwk);
        Configuration.ResponseTypesSupported.Add("id_token");
        Configuration.ResponseModesSupported.Add("form_post");
    }

    public OpenIdConnectConfiguration Configuration { get; }

    /// <summary>The settings Azure gives the app (infra/app/functions.bicep).</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        [AssistAuthentication.ModeKey] = AssistAuthentication.EntraMode,
        ["AzureAd:Instance"] = Instance,
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ClientId,
    };

    public static string IssuerOf(string tenantId) => $"{Instance}{tenantId}/v2.0";

    /// <summary>The tenant's published configuration, where the handlers would otherwise fetch it from Entra.</summary>
    public void UseIn(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var published = new StaticConfigurationManager<OpenIdConnectConfiguration>(Configuration);
        builder.Services.PostConfigure<JwtBearerOptions>(EntraAuthentication.BearerScheme, o => o.ConfigurationManager = published);
        builder.Services.PostConfigure<OpenIdConnectOptions>(EntraAuthentication.SignInScheme, o => o.ConfigurationManager = published);
    }

    /// <summary>
    /// A v2.0 access token for the app registration, as Entra issues one to a signed-in user of this tenant who
    /// consented to the app's scope; <paramref name="change"/> alters it.
    /// </summary>
    public string AccessToken(string objectId, string? signInName = null, Action<SecurityTokenDescriptor>? change = null, bool otherKey = false)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = IssuerOf(TenantId),
            Audience = ClientId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                ["ver"] = "2.0",
                ["tid"] = TenantId,
                ["oid"] = objectId,
                ["sub"] = "pairwise-" + objectId[..8],
                ["name"] = "李娜",
                ["scp"] = "access_as_user",
                ["azp"] = "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
            },
            SigningCredentials = Signing(otherKey),
        };
        if (signInName is not null)
        {
            descriptor.Claims["preferred_username"] = signInName;
        }

        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An ID token for the app's sign-in, answering the sign-in request that sent <paramref name="nonce"/>.</summary>
    public string IdToken(string objectId, string nonce, bool otherKey = false)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerOf(TenantId),
            Audience = ClientId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                ["ver"] = "2.0",
                ["tid"] = TenantId,
                ["oid"] = objectId,
                ["sub"] = "pairwise-" + objectId[..8],
                ["name"] = "李娜",
                ["preferred_username"] = "li.na@district.example.gov.cn",
                ["nonce"] = nonce,
                ["roles"] = AdministratorRole,
            },
            SigningCredentials = Signing(otherKey),
        });
    }

    /// <summary>The same claims with <c>"alg": "none"</c> and no signature.</summary>
    public static string WithoutSignature(string objectId)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = IssuerOf(TenantId),
            ["aud"] = ClientId,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["ver"] = "2.0",
            ["tid"] = TenantId,
            ["oid"] = objectId,
            ["scp"] = "access_as_user",
        })));
        return header + "." + payload + ".";
    }

    private SigningCredentials Signing(bool otherKey) =>
        // The other key claims the tenant's key id: only the signature check can tell them apart.
        new(new RsaSecurityKey(otherKey ? _otherKey : _key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }
}
