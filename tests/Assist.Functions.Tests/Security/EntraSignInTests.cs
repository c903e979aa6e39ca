using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assist.Functions.Security;
using Assist.Functions.Tests.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Security;

/// <summary>
/// <c>Auth:Mode=Entra</c>, end to end against the real app: the API takes only Entra access tokens that validate (signed
/// by the tenant's key, its issuer, the app's audience, in their lifetime), pages sign in through Entra with OpenID
/// Connect, and roles come from the directory, never from a token or a header.
/// </summary>
public sealed partial class EntraSignInTests(EntraAppFixture entra) : IClassFixture<EntraAppFixture>
{
    private const string UnknownObjectId = "9e8d7c6b-5a49-4382-9170-f6e5d4c3b2a1";

    private EntraTestTenant Tenant => entra.Tenant;

    private Uri BaseAddress => entra.Api.App.BaseAddress;

    // ---- The API: bearer tokens ----

    [Fact]
    public async Task Api_ValidTokenForADirectoryUser_ReachesTheStaffFunctionWithTheDirectorysRoles()
    {
        var token = Tenant.AccessToken(EntraAppFixture.SupervisorObjectId);

        var overdue = await CallAsync("/api/staff/overdue", token);
        var desk = await CallAsync("/api/staff/desk", token);

        // A supervisor (the directory says so): the overdue board, but not a liaison officer's desk.
        Assert.True(overdue.Status == HttpStatusCode.OK, overdue.Text);
        Assert.Equal(JsonValueKind.Array, overdue.Json.GetProperty("items").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, desk.Status);
        Assert.True(desk.IsProblem);
    }

    [Fact]
    public async Task Api_RolesInTheToken_AreIgnored()
    {
        // An app role assigned in Entra is not a role in Assist: the directory's roles are the only ones.
        var token = Tenant.AccessToken(EntraAppFixture.SupervisorObjectId, change: d => d.Claims["roles"] = EntraTestTenant.AdministratorRole);

        var answer = await CallAsync("/api/admin/directory", token);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.True(answer.IsProblem);
    }

    [Fact]
    public async Task Api_DirectoryUserKnownBySignInName_IsFoundWhateverItsCase()
    {
        var token = Tenant.AccessToken(UnknownObjectId, signInName: "Wang.Fang@district.example.gov.cn");

        var desk = await CallAsync("/api/staff/desk", token);
        var overdue = await CallAsync("/api/staff/overdue", token);

        Assert.True(desk.Status == HttpStatusCode.OK, desk.Text);
        Assert.Equal(HttpStatusCode.Forbidden, overdue.Status);
    }

    [Fact]
    public async Task Api_SignInNameWithoutADomain_MatchesNoPlainDirectoryId()
    {
        // The seeded directory has an "admin"; only a user@domain sign-in name is looked up.
        var answer = await CallAsync("/api/admin/directory", Tenant.AccessToken(UnknownObjectId, signInName: "admin"));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
    }

    [Fact]
    public async Task Api_ValidTokenForSomeoneNotInTheDirectory_Is403()
    {
        // The token is good, so the caller is known (not 401); they are not staff, so no staff function is theirs.
        var answer = await CallAsync("/api/staff/notifications", Tenant.AccessToken(UnknownObjectId, signInName: "visitor@district.example.gov.cn"));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.True(answer.IsProblem);
        Assert.Equal(403, answer.Json.GetProperty("status").GetInt32());
    }

    public static TheoryData<string> RefusedTokens() => new()
    {
        "wrong audience",
        "wrong issuer",
        "issuer of another tenant",
        "expired",
        "not yet valid",
        "wrong signing key",
        "unsigned (alg none)",
        "no scope or app role",
        "no object id",
        "not a JWT",
        "development token",
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Api_TokenThatDoesNotValidate_Is401ProblemJson(string what)
    {
        var token = await RefusedAsync(what);

        var answer = await CallAsync("/api/staff/overdue", token);

        Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"{what}: {(int)answer.Status} {answer.Text}");
        Assert.True(answer.IsProblem, answer.Text);
        Assert.Equal(401, answer.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Api_ForgedEasyAuthPrincipalHeader_IsIgnored()
    {
        using var client = NoRedirects();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/overdue");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", ForgedPrincipal(EntraAppFixture.SupervisorObjectId));
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-ID", EntraAppFixture.SupervisorObjectId);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Api_PublicFunctions_StillNeedNoSignIn()
    {
        var answer = await ApiHarness.SendAsync(entra.Api.Anonymous, HttpMethod.Get, "/api/form-options");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    // ---- The pages: OpenID Connect and the session cookie ----

    [Fact]
    public async Task Page_WithoutASession_RedirectsToEntrasAuthorizeEndpoint()
    {
        using var client = NoRedirects();
        using var response = await client.GetAsync("/staff/overdue");

        AssertEntraSignIn(response);
        // The correlation and nonce cookies that tie Entra's answer to this browser.
        Assert.Contains(CookiesSetBy(response), c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.Contains(CookiesSetBy(response), c => c.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Page_ForgedEasyAuthPrincipalHeader_IsIgnoredAndSignInStillAsked()
    {
        using var client = NoRedirects();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff/overdue");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", ForgedPrincipal(EntraAppFixture.SupervisorObjectId));

        using var response = await client.SendAsync(request);

        AssertEntraSignIn(response);
    }

    [Fact]
    public async Task HeaderSignInLink_LeadsToEntraAndBackToTheStaffPages()
    {
        using var client = NoRedirects();
        var home = await client.GetStringAsync("/");
        var link = WebUtility.HtmlDecode(SignInLink().Match(home).Groups["href"].Value);
        Assert.Equal("/sign-in?returnUrl=%2Fstaff", link);

        using var response = await client.GetAsync(link);

        AssertEntraSignIn(response);
    }

    [Fact]
    public async Task DevelopmentSignInPage_InEntraMode_IsNotThere()
    {
        using var client = NoRedirects();

        using var response = await client.GetAsync("/dev/sign-in");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_ThroughEntra_OpensASessionWithTheDirectorysRolesAndSignOutClosesItThroughEntra()
    {
        using var client = NoRedirects();

        // The page asks Entra; Entra posts the ID token back to /signin-oidc with the state it was given.
        using var challenge = await client.GetAsync("/staff/overdue");
        var authorize = AssertEntraSignIn(challenge);
        using var callback = await PostSignInAsync(client, challenge, authorize["state"]!, Tenant.IdToken(EntraAppFixture.SupervisorObjectId, authorize["nonce"]!));
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        Assert.Equal("/staff/overdue", callback.Headers.Location?.OriginalString);
        var session = Assert.Single(CookiesSetBy(callback), c => c.StartsWith("assist.session", StringComparison.Ordinal));
        var setCookie = Assert.Single(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith("assist.session", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);

        // With the session: the supervisor's page, her name from the directory; the roles in the ID token count for nothing.
        using var page = await SendAsync(client, HttpMethod.Get, "/staff/overdue", session);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("李娜", SignedInUser().Match(html).Value, StringComparison.Ordinal);
        using var manage = await SendAsync(client, HttpMethod.Get, "/manage", session);
        Assert.Equal(HttpStatusCode.Forbidden, manage.StatusCode);

        // Sign-out: the session cookie goes and the browser passes through Entra's sign-out, which comes back here.
        var token = AntiforgeryField().Match(html).Groups["token"].Value;
        var antiforgery = Assert.Single(CookiesSetBy(page), c => c.StartsWith("assist.af", StringComparison.Ordinal));
        using var signOut = await SendAsync(client, HttpMethod.Post, "/sign-out", $"{session}; {antiforgery}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var logout = signOut.Headers.Location!;
        Assert.Equal(Tenant.Configuration.EndSessionEndpoint, logout.GetLeftPart(UriPartial.Path));
        var logoutQuery = QueryHelpers.ParseQuery(logout.Query);
        Assert.Equal(new Uri(BaseAddress, "/signout-callback-oidc").ToString(), logoutQuery["post_logout_redirect_uri"].ToString());
        Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("assist.session=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

        using var back = await client.GetAsync("/signout-callback-oidc?state=" + Uri.EscapeDataString(logoutQuery["state"].ToString()));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/", back.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_IdTokenSignedWithAnotherKey_Is400AndOpensNoSession()
    {
        using var client = NoRedirects();
        using var challenge = await client.GetAsync("/staff/overdue");
        var authorize = AssertEntraSignIn(challenge);

        using var callback = await PostSignInAsync(client, challenge, authorize["state"]!, Tenant.IdToken(EntraAppFixture.SupervisorObjectId, authorize["nonce"]!, otherKey: true));

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.Equal("text/html", callback.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(CookiesSetBy(callback), c => c.StartsWith("assist.session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_IdTokenForAnotherSignInRequest_Is400()
    {
        // The nonce ties the ID token to the browser that asked: one minted for another request is refused.
        using var client = NoRedirects();
        using var challenge = await client.GetAsync("/staff/overdue");
        var authorize = AssertEntraSignIn(challenge);

        using var callback = await PostSignInAsync(client, challenge, authorize["state"]!, Tenant.IdToken(EntraAppFixture.SupervisorObjectId, "638000000000000000.bm90IHRoaXMgb25l"));

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.DoesNotContain(CookiesSetBy(callback), c => c.StartsWith("assist.session", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET", "/signin-oidc")]
    [InlineData("POST", "/signin-oidc")]
    [InlineData("POST", "/signin-oidc?state=forged")]
    public async Task SignInCallback_WithoutAValidAnswer_Is400NotA500(string method, string path)
    {
        using var client = NoRedirects();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = "forged", ["id_token"] = "not.a.token" });
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task SignInFunctions_WhereNoAuthenticationMiddlewareRuns_SignInThroughEntraAlike()
    {
        // The Functions worker's pipeline has no authentication middleware: called on their own, the functions must
        // start the sign-in and take Entra's answer as the local host does.
        var functions = ActivatorUtilities.CreateInstance<EntraSignInFunctions>(entra.Api.App.Services);

        var start = Context("GET", "/sign-in", "?returnUrl=%2Fstaff%2Foverdue");
        await functions.SignIn(start.Request).ExecuteAsync(start);
        Assert.Equal(StatusCodes.Status302Found, start.Response.StatusCode);
        var authorize = new Uri(start.Response.Headers.Location.ToString());
        Assert.Equal(Tenant.Configuration.AuthorizationEndpoint, authorize.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(authorize.Query);
        var cookies = string.Join("; ", start.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));

        var answer = Context("POST", "/signin-oidc", "");
        answer.Request.Headers.Cookie = cookies;
        answer.Request.ContentType = "application/x-www-form-urlencoded";
        answer.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(
            $"state={Uri.EscapeDataString(query["state"].ToString())}&id_token={Tenant.IdToken(EntraAppFixture.SupervisorObjectId, query["nonce"].ToString())}"));
        await (await functions.SignInCallbackAsync(answer.Request)).ExecuteAsync(answer);
        Assert.Equal(StatusCodes.Status302Found, answer.Response.StatusCode);
        Assert.Equal("/staff/overdue", answer.Response.Headers.Location.ToString());
        Assert.Contains(answer.Response.Headers.SetCookie, c => c!.StartsWith("assist.session=", StringComparison.Ordinal));

        var forged = Context("POST", "/signin-oidc", "");
        forged.Request.ContentType = "application/x-www-form-urlencoded";
        forged.Request.Body = new MemoryStream("state=forged&id_token=not.a.token"u8.ToArray());
        await (await functions.SignInCallbackAsync(forged.Request)).ExecuteAsync(forged);
        Assert.Equal(StatusCodes.Status400BadRequest, forged.Response.StatusCode);
    }

    // ---- helpers ----

    private async Task<string> RefusedAsync(string what)
    {
        var oid = EntraAppFixture.SupervisorObjectId;
        return what switch
        {
            "wrong audience" => Tenant.AccessToken(oid, change: d => d.Audience = "api://" + Guid.NewGuid()),
            "wrong issuer" => Tenant.AccessToken(oid, change: d => d.Issuer = "https://login.example.net/" + EntraTestTenant.TenantId + "/v2.0"),
            "issuer of another tenant" => Tenant.AccessToken(oid, change: d =>
            {
                d.Issuer = EntraTestTenant.IssuerOf(EntraTestTenant.OtherTenantId);
                d.Claims["tid"] = EntraTestTenant.OtherTenantId;
            }),
            "expired" => Tenant.AccessToken(oid, change: d =>
            {
                d.IssuedAt = DateTime.UtcNow.AddHours(-3);
                d.NotBefore = DateTime.UtcNow.AddHours(-3);
                d.Expires = DateTime.UtcNow.AddHours(-2);
            }),
            "not yet valid" => Tenant.AccessToken(oid, change: d =>
            {
                d.IssuedAt = DateTime.UtcNow;
                d.NotBefore = DateTime.UtcNow.AddHours(1);
                d.Expires = DateTime.UtcNow.AddHours(2);
            }),
            "wrong signing key" => Tenant.AccessToken(oid, otherKey: true),
            "unsigned (alg none)" => EntraTestTenant.WithoutSignature(oid),
            "no scope or app role" => Tenant.AccessToken(oid, change: d => d.Claims.Remove("scp")),
            "no object id" => Tenant.AccessToken(oid, change: d => d.Claims.Remove("oid")),
            "not a JWT" => "not-a-token",
            "development token" => await DevelopmentTokenAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };
    }

    /// <summary>The app runs in Development, so it still issues development tokens; only the Development sign-in takes them.</summary>
    private async Task<string> DevelopmentTokenAsync()
    {
        using var response = await entra.Api.Anonymous.PostAsJsonAsync("/api/dev/token", new { user = "supervisor.1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private async Task<Answer> CallAsync(string path, string token)
    {
        using var client = NoRedirects();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await ApiHarness.SendAsync(client, HttpMethod.Get, path);
    }

    /// <summary>Asserts a redirect to the tenant's authorize endpoint asking for this app's sign-in; its query.</summary>
    private Dictionary<string, string?> AssertEntraSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(Tenant.Configuration.AuthorizationEndpoint, location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        Assert.Equal(EntraTestTenant.ClientId, query["client_id"]);
        Assert.Equal(new Uri(BaseAddress, "/signin-oidc").ToString(), query["redirect_uri"]);
        Assert.Equal("id_token", query["response_type"]);
        Assert.Equal("form_post", query["response_mode"]);
        Assert.Contains("openid", query["scope"]!.Split(' '));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        return query;
    }

    /// <summary>What Entra's form post carries back, with the cookies the challenge set (as the browser would send them).</summary>
    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, HttpResponseMessage challenge, string state, string idToken) =>
        SendAsync(client, HttpMethod.Post, "/signin-oidc", string.Join("; ", CookiesSetBy(challenge)),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = idToken, ["state"] = state }));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string cookies, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        // The cookies are Secure; a browser sends them over HTTPS, which the test app does not speak.
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    /// <summary>name=value of every cookie a response sets (not clears).</summary>
    private static List<string> CookiesSetBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? [.. values.Select(v => v.Split(';')[0]).Where(c => !c.EndsWith('='))]
            : [];

    /// <summary>A request as a host would hand it to a function: its own services scope, nothing run before it.</summary>
    private DefaultHttpContext Context(string method, string path, string query)
    {
        var scope = entra.Api.App.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.RegisterForDispose(scope);
        context.Request.Method = method;
        context.Request.Scheme = BaseAddress.Scheme;
        context.Request.Host = new HostString(BaseAddress.Authority);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length > 0 ? query : null);
        context.Response.Body = new MemoryStream();
        return context;
    }

    private HttpClient NoRedirects() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    private static string ForgedPrincipal(string objectId) => Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""
        {"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"{{objectId}}"},{"typ":"roles","val":"Administrator"}]}
        """));

    [GeneratedRegex("""<li class="end"><a href="(?<href>[^"]+)">""")]
    private static partial Regex SignInLink();

    [GeneratedRegex("""data-testid="signed-in-user"[^>]*>[^<]*""")]
    private static partial Regex SignedInUser();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)""")]
    private static partial Regex AntiforgeryField();
}
