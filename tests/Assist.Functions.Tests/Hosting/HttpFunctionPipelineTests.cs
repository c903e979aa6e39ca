using Assist.LocalHost;
using System.Net;
using System.Text.RegularExpressions;
using Assist.Functions.Hosting.Functions;
using Assist.Functions.Tests.Api;
using Assist.Tests;
using Microsoft.AspNetCore.Antiforgery;

namespace Assist.Functions.Tests.Hosting;

/// <summary>What the function pipeline guarantees every function, whoever wrote it.</summary>
[Collection(UsesAzurite.Name)]
public sealed partial class HttpFunctionPipelineTests(AzuriteFixture storage)
{
    [Fact]
    public async Task EveryPageFormPost_WithoutItsAntiforgeryToken_IsRefusedWith400AndTheErrorPage()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        using var admin = await api.SignInAsync("admin");
        var posts = HttpFunction.In(LocalHostApp.Functions)
            .Where(f => !f.Route!.StartsWith("api/", StringComparison.Ordinal) && f.Methods.Contains("POST"))
            .Where(f => !f.Method.GetCustomAttributes(inherit: true).OfType<IAntiforgeryMetadata>().Any(a => !a.RequiresValidation))
            .ToList();
        Assert.NotEmpty(posts);

        foreach (var function in posts)
        {
            var path = "/" + RouteValue().Replace(function.Route!, m => m.Value.EndsWith("?}", StringComparison.Ordinal) ? "" : "T-1").TrimEnd('/');
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["user"] = "admin", ["json"] = "[]" });

            using var response = await admin.PostAsync(path, form);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{function.Name} ({path}) answered {(int)response.StatusCode}.");
            Assert.Contains("data-testid=\"error-page\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The worker's function middleware (run here on the request as the worker's ASP.NET Core integration hands it over)
    /// refuses what the local host refuses, with the same status, body kind and security headers: every function,
    /// called anonymously with its first method that changes something (or GET), form posts without a token.
    /// </summary>
    [Fact]
    public async Task WorkerMiddleware_RefusesEveryAnonymousCallAsTheLocalHostDoes()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var middleware = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Assist.Functions.Hosting.Worker.HttpFunctionMiddleware>(api.App.Services);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.App.BaseAddress };
        var refusals = 0;
        foreach (var function in HttpFunction.In(LocalHostApp.Functions))
        {
            var method = function.Methods.FirstOrDefault(m => m is not ("GET" or "HEAD")) ?? "GET";
            var path = "/" + RouteValue().Replace(function.Route!, m => m.Value.EndsWith("?}", StringComparison.Ordinal) ? "" : m.Value.Contains(":int", StringComparison.Ordinal) ? "2027" : "T-1").TrimEnd('/');
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var local = await anonymous.SendAsync(request);

            using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(api.App.Services);
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
            http.Request.Method = method;
            http.Request.Path = path;
            http.Request.Scheme = "http";
            http.Request.Host = new Microsoft.AspNetCore.Http.HostString(api.App.BaseAddress.Authority);
            if (method != "GET")
            {
                http.Request.ContentType = "application/json; charset=utf-8";
                http.Request.Body = new MemoryStream("{}"u8.ToArray());
            }

            var response = new StartingResponse();
            http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(response);
            http.Response.Body = new MemoryStream();
            var reached = false;
            var answer = await middleware.AroundAsync(http, function.Method, () => { reached = true; return Task.CompletedTask; });
            if (answer is null)
            {
                Assert.True(reached, $"{function.Name}: neither refused nor run.");
                continue;
            }

            refusals++;
            await answer.ExecuteAsync(http);
            await response.StartAsync();
            var where = $"{function.Name} ({method} {path})";
            Assert.True((int)local.StatusCode == http.Response.StatusCode, $"{where}: local host {(int)local.StatusCode}, worker {http.Response.StatusCode}.");
            Assert.Equal(local.Content.Headers.ContentType?.MediaType, http.Response.ContentType?.Split(';')[0]);
            foreach (var header in new[] { "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Security-Policy" })
            {
                Assert.True(local.Headers.Contains(header) == http.Response.Headers.ContainsKey(header), $"{where}: {header} differs.");
            }
        }

        // Every staff and admin function refuses an anonymous caller, and every page form post one without its token.
        Assert.True(refusals > 40, $"Only {refusals} refusals.");
    }

    /// <summary>A response that runs its OnStarting callbacks when told, as a server does before the first byte.</summary>
    private sealed class StartingResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            // Last registered runs first, as in Kestrel.
            for (var i = _starting.Count - 1; i >= 0; i--)
            {
                await _starting[i].Callback(_starting[i].State);
            }
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();
}
