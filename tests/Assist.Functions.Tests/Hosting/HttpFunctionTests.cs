using Assist.LocalHost;
using Assist.Functions.Hosting.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Tests.Hosting;

/// <summary>What the Functions host demands of the app's HTTP functions, read from their declarations.</summary>
public sealed class HttpFunctionTests
{
    private static readonly IReadOnlyList<HttpFunction> Functions = HttpFunction.In(LocalHostApp.Functions);

    [Fact]
    public void EveryHttpFunction_IsAnonymousAtTheHost_BecauseAssistAuthorisesEveryCall()
    {
        Assert.NotEmpty(Functions);
        Assert.All(Functions, f => Assert.True(f.Level == AuthorizationLevel.Anonymous, $"{f.Name} is {f.Level} at the host."));
    }

    [Fact]
    public void EveryHttpFunction_HasARouteTheHostCanServe()
    {
        // The host reserves routes beginning with admin and runtime for itself and cannot route an empty path.
        Assert.All(Functions, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Route), $"{f.Name} has no route.");
            Assert.False(f.Route!.StartsWith("admin", StringComparison.OrdinalIgnoreCase), $"{f.Name}: {f.Route}");
            Assert.False(f.Route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase), $"{f.Name}: {f.Route}");
            Assert.NotEmpty(f.Methods);
        });
    }

    [Fact]
    public void FunctionNames_AreUnique()
    {
        Assert.Equal(Functions.Count, Functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Pattern_JoinsTheRoutePrefixAndTheRoute_AsTheHostDoes()
    {
        var method = typeof(HttpFunctionTests).GetMethod(nameof(Pattern_JoinsTheRoutePrefixAndTheRoute_AsTheHostDoes))!;

        Assert.Equal("/api/staff/desk", new HttpFunction("F", "staff/desk", ["GET"], AuthorizationLevel.Anonymous, method).Pattern("api"));
        Assert.Equal("/staff/desk", new HttpFunction("F", "/staff/desk", ["GET"], AuthorizationLevel.Anonymous, method).Pattern(string.Empty));
        Assert.Equal("/api/F", new HttpFunction("F", null, ["GET"], AuthorizationLevel.Anonymous, method).Pattern("/api/"));
    }
}
