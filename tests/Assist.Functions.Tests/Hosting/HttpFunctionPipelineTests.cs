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

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();
}
