using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Assist.Functions.Hosting;
using Assist.Tests;

namespace Assist.Functions.Tests.Deployment;

// Signed-in callers are looked up in the directory (roles come from there), so these run on a real Azurite.
[Collection(UsesAzurite.Name)]
public sealed class EasyAuthTests(AzuriteFixture storage)
{
    private const string ObjectId = "5f0c8d1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f";

    // Shaped like what App Service Authentication injects for a Microsoft Entra sign-in: mapped claim names,
    // a role from the app registration that Assist must ignore.
    private static readonly string EntraPrincipalJson = $$"""
        {
          "auth_typ": "aad",
          "name_typ": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
          "role_typ": "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
          "claims": [
            { "typ": "aud", "val": "00001111-aaaa-2222-bbbb-3333cccc4444" },
            { "typ": "http://schemas.microsoft.com/identity/claims/objectidentifier", "val": "{{ObjectId}}" },
            { "typ": "http://schemas.microsoft.com/identity/claims/tenantid", "val": "aaaabbbb-0000-cccc-1111-dddd2222eeee" },
            { "typ": "name", "val": "李娜" },
            { "typ": "preferred_username", "val": "li.na@district.example.gov.cn" },
            { "typ": "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "val": "Supervisor" }
          ]
        }
        """;

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private Dictionary<string, string?> Settings(string? mode)
    {
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = storage.Azurite.ConnectionString, ["Scheduler:Enabled"] = "false" };
        if (mode is not null)
        {
            settings["Auth:Mode"] = mode;
        }

        return settings;
    }

    private async Task<ProbeAnswer> ProbeAsync(string? mode, string? principalHeader)
    {
        await using var app = await TestApp.StartAsync(Settings(mode), builder => ProbeEndpoint.AddTo(builder));
        using var request = new HttpRequestMessage(HttpMethod.Get, ProbeEndpoint.Path);
        if (principalHeader is not null)
        {
            request.Headers.Add(EasyAuthDefaults.PrincipalHeader, principalHeader);
        }

        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProbeAnswer>())!;
    }

    [Fact]
    public void TryParse_EntraPrincipal_GivesObjectIdNameAndEmailWithoutRoles()
    {
        Assert.True(EasyAuthPrincipal.TryParse(Encode(EntraPrincipalJson), out var principal, out var error));

        Assert.Null(error);
        Assert.Equal(EasyAuthDefaults.Scheme, principal.Identity!.AuthenticationType);
        Assert.Equal(ObjectId, principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("李娜", principal.Identity.Name);
        Assert.Equal("li.na@district.example.gov.cn", principal.FindFirstValue(ClaimTypes.Email));
        Assert.Equal("aaaabbbb-0000-cccc-1111-dddd2222eeee", principal.FindFirstValue(EasyAuthDefaults.TenantIdClaim));
        Assert.Equal("aad", principal.FindFirstValue(EasyAuthDefaults.IdentityProviderClaim));
        Assert.False(principal.IsInRole("Supervisor"));
        Assert.DoesNotContain(principal.Claims, c => c.Type == ClaimTypes.Role);
    }

    [Fact]
    public void TryParse_ShortClaimNames_AreAcceptedToo()
    {
        var json = $$"""{"auth_typ":"aad","claims":[{"typ":"oid","val":"{{ObjectId}}"},{"typ":"email","val":"w@example.cn"}]}""";

        Assert.True(EasyAuthPrincipal.TryParse(Encode(json), out var principal, out _));

        Assert.Equal(ObjectId, principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("w@example.cn", principal.FindFirstValue(ClaimTypes.Email));
        Assert.Null(principal.Identity!.Name);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("eyJjbGFpbXMiOltdfQ==")] // {"claims":[]}: no object id
    [InlineData("")]
    public void TryParse_UntrustworthyHeader_IsRejectedWithAReason(string header)
    {
        Assert.False(EasyAuthPrincipal.TryParse(header, out var principal, out var error));

        Assert.Null(principal);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public async Task Request_EasyAuthModeWithPrincipalHeader_IsAuthenticatedAsThatUser()
    {
        var answer = await ProbeAsync(EasyAuthDefaults.Mode, Encode(EntraPrincipalJson));

        Assert.True(answer.Authenticated);
        Assert.Equal(ObjectId, answer.ObjectId);
        Assert.Equal("李娜", answer.Name);
        Assert.Equal("li.na@district.example.gov.cn", answer.Email);
        Assert.Empty(answer.Roles);
    }

    [Fact]
    public async Task Request_EasyAuthModeWithoutHeader_StaysAnonymous()
    {
        var answer = await ProbeAsync(EasyAuthDefaults.Mode, principalHeader: null);

        Assert.False(answer.Authenticated);
        Assert.Null(answer.ObjectId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Development")]
    public async Task Request_ForgedPrincipalHeaderOutsideEasyAuthMode_IsIgnored(string? mode)
    {
        var answer = await ProbeAsync(mode, Encode(EntraPrincipalJson));

        Assert.False(answer.Authenticated);
        Assert.Null(answer.ObjectId);
    }
}
