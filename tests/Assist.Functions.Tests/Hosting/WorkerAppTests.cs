using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Assist.Functions.Hosting.Functions;
using Assist.Functions.Hosting.Worker;
using Assist.Functions.Tests.Deployment;
using Assist.LocalHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Hosting;

/// <summary>
/// The isolated worker's composition, built as <c>Program.cs</c> builds it (no Functions host is installed here to
/// start it): every function in the build's <c>functions.metadata</c> can be made from the worker's services, its
/// middleware too, and its endpoint descriptions (for the OpenAPI document) are every HTTP function. The document
/// itself is compared with the local host's in <c>ApiBehaviourTests</c>.
/// </summary>
public sealed class WorkerAppTests
{
    /// <summary>
    /// The worker as the Functions host starts it in Development: the host gives the environment through
    /// AZURE_FUNCTIONS_ENVIRONMENT (the worker reads no --environment argument). Only worker builds read that variable.
    /// </summary>
    public static IHost Build(string storageConnectionString)
    {
        Environment.SetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT", "Development");
        return WorkerApp.Build([$"--Storage:ConnectionString={storageConnectionString}"]);
    }

    [Fact]
    public void Functions_AreAllMadeFromTheWorkersServices()
    {
        using var host = Build("UseDevelopmentStorage=true");
        var metadata = (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(PublishScript.FunctionsBuildOutput(), "functions.metadata")))!;

        var failures = new List<string>();
        foreach (var entryPoint in metadata.Select(f => (string)f!["entryPoint"]!))
        {
            var type = LocalHostApp.Functions.GetType(entryPoint[..entryPoint.LastIndexOf('.')], throwOnError: true)!;
            if (type.IsAbstract && type.IsSealed)
            {
                continue;
            }

            try
            {
                using var scope = host.Services.CreateScope();
                Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
            }
            catch (InvalidOperationException exception)
            {
                failures.Add($"{entryPoint}: {exception.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.NotNull(ActivatorUtilities.CreateInstance<HttpFunctionMiddleware>(host.Services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<DurableClientMiddleware>(host.Services));
    }

    [Fact]
    public void Environment_IsTheOneTheFunctionsHostGives()
    {
        using var host = Build("UseDevelopmentStorage=true");

        Assert.True(host.Services.GetRequiredService<IHostEnvironment>().IsDevelopment());
    }

    /// <summary>
    /// The worker's function middleware finds the method behind each invocation from its definition's entry point and
    /// gives it to the function pipeline, which reads its attributes: for every HTTP function in functions.metadata
    /// that is the very method the local host maps, so both hosts check the same declarations.
    /// </summary>
    [Fact]
    public void HttpFunctionMiddleware_EntryPoints_AreTheMethodsTheLocalHostMaps()
    {
        var mapped = HttpFunction.In(LocalHostApp.Functions).ToDictionary(f => f.Name, f => f.Method);
        var metadata = (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(PublishScript.FunctionsBuildOutput(), "functions.metadata")))!;

        var http = metadata.Where(f => f!["bindings"]!.AsArray().Any(b => (string?)b!["type"] == "httpTrigger")).ToList();

        Assert.Equal(mapped.Count, http.Count);
        Assert.All(http, function => Assert.Same(
            mapped[(string)function!["name"]!],
            HttpFunctionMiddleware.EntryPoint(new Definition((string)function["name"]!, (string)function["entryPoint"]!))));
    }

    [Fact]
    public void EndpointDescriptions_AreEveryHttpFunction()
    {
        using var host = Build("UseDevelopmentStorage=true");

        var described = host.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>();

        var source = Assert.IsType<HttpFunctionEndpointSource>(described);
        Assert.Equal(HttpFunction.In(LocalHostApp.Functions).Select(f => f.Name), source.Functions.Select(f => f.Name));
    }

    /// <summary>A function's definition as the worker builds it from functions.metadata: its name and entry point.</summary>
    private sealed class Definition(string name, string entryPoint) : Microsoft.Azure.Functions.Worker.FunctionDefinition
    {
        public override string Name => name;

        public override string EntryPoint => entryPoint;

        public override string PathToAssembly => LocalHostApp.Functions.Location;

        public override string Id => name;

        public override System.Collections.Immutable.ImmutableArray<Microsoft.Azure.Functions.Worker.FunctionParameter> Parameters => [];

        public override IImmutableDictionary<string, Microsoft.Azure.Functions.Worker.BindingMetadata> InputBindings => ImmutableDictionary<string, Microsoft.Azure.Functions.Worker.BindingMetadata>.Empty;

        public override IImmutableDictionary<string, Microsoft.Azure.Functions.Worker.BindingMetadata> OutputBindings => ImmutableDictionary<string, Microsoft.Azure.Functions.Worker.BindingMetadata>.Empty;
    }
}
