using System.Reflection;
using System.Text.Json.Nodes;
using Assist.Functions.Lifecycle;
using Assist.Functions.Tests.Deployment;
using Assist.LocalHost;
using Assist.Storage.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Hosting;

/// <summary>
/// The local host runs exactly what the Functions host would: every function the build's <c>functions.metadata</c>
/// lists (what the Worker SDK read from the same declarations), at the same route and methods, of the same kind, on
/// the same schedule — and nothing else.
/// </summary>
public sealed class LocalHostTests
{
    private static readonly JsonArray Metadata = (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(PublishScript.FunctionsBuildOutput(), "functions.metadata")))!;

    [Fact]
    public async Task LocalFunctions_AreTheFunctionsOfFunctionsMetadata()
    {
        await using var app = LocalHostApp.Build(["--environment", "Development", "--Storage:ConnectionString=UseDevelopmentStorage=true"]);
        var local = app.Services.GetRequiredService<LocalFunctions>();

        var served = local.Http.Functions.Select(f => $"{f.Name} http {string.Join(',', f.Methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal))} {f.Pattern(string.Empty)}")
            .Concat(local.Durable.Select(f => $"{f.Name} {(f.Kind == LocalHost.Durable.DurableFunctionKind.Orchestration ? "orchestrationTrigger" : "activityTrigger")}"))
            .Concat(local.Timers.Select(f => $"{f.Name} timer {f.Schedule}"))
            .Order(StringComparer.Ordinal);
        var listed = Metadata.Select(function =>
        {
            var trigger = function!["bindings"]!.AsArray().Single(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!;
            var name = (string)function["name"]!;
            return (string)trigger["type"]! switch
            {
                "httpTrigger" => $"{name} http {string.Join(',', trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant()).Order(StringComparer.Ordinal))} /{(string?)trigger["route"] ?? name}",
                "timerTrigger" => $"{name} timer {(string)trigger["schedule"]!}",
                var type => $"{name} {type}",
            };
        }).Order(StringComparer.Ordinal);

        Assert.Equal(listed, served);
        Assert.Equal(Metadata.Count, local.Http.Endpoints.Count + local.Durable.Count + local.Timers.Count);
    }

    [Fact]
    public void FunctionsMetadata_EveryHttpFunctionIsAnonymousAtTheHost()
    {
        var levels = Metadata.SelectMany(f => f!["bindings"]!.AsArray().Where(b => (string?)b!["type"] == "httpTrigger")
            .Select(b => $"{(string)f["name"]!}: {(string?)b!["authLevel"]}"));

        Assert.All(levels, level => Assert.EndsWith(": Anonymous", level, StringComparison.Ordinal));
    }

    /// <summary>
    /// Under the Functions host the worker learns its task hub's address only from a function that declares a
    /// [DurableClient] input; every function that can change a ticket (and so wake or start its orchestration)
    /// declares one, so the lifecycle always has a client when it needs one.
    /// </summary>
    [Fact]
    public void FunctionsThatChangeTickets_DeclareADurableClient()
    {
        var missing = Metadata
            .Where(f => ChangesTickets(f!))
            .Where(f => !f!["bindings"]!.AsArray().Any(b => (string?)b!["type"] == "durableClient"))
            .Select(f => (string)f!["name"]!)
            .ToList();

        Assert.True(missing.Count == 0, "These functions change tickets without a [DurableClient] input: " + string.Join(", ", missing));
    }

    [Fact]
    public void AddLocalSettingsFile_ReadsValuesWithDoubleUnderscoreKeys()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"IsEncrypted":false,"Values":{"Storage__ConnectionString":"UseDevelopmentStorage=true","FUNCTIONS_WORKER_RUNTIME":"dotnet-isolated"}}""");

            var configuration = new ConfigurationBuilder().AddLocalSettingsFile(file).Build();

            Assert.Equal("UseDevelopmentStorage=true", configuration["Storage:ConnectionString"]);
            Assert.Equal("dotnet-isolated", configuration["FUNCTIONS_WORKER_RUNTIME"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A timer, or an HTTP function taking more than GET and HEAD whose class (an instance method's) reaches the ticket use cases.</summary>
    private static bool ChangesTickets(JsonNode function)
    {
        var trigger = function["bindings"]!.AsArray().Single(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!;
        var entryPoint = (string)function["entryPoint"]!;
        var type = LocalHostApp.Functions.GetType(entryPoint[..entryPoint.LastIndexOf('.')], throwOnError: true)!;
        var method = type.GetMethod(entryPoint[(entryPoint.LastIndexOf('.') + 1)..])!;
        return (string)trigger["type"]! switch
        {
            "timerTrigger" => true,
            "httpTrigger" => trigger["methods"]!.AsArray().Any(m => (string)m! is not ("get" or "head")) && !method.IsStatic && Reaches(type, []),
            _ => false,
        };
    }

    private static bool Reaches(Type type, HashSet<Type> seen)
    {
        if (type == typeof(TicketService) || type == typeof(ITicketLifecycle) || type == typeof(DurableTicketLifecycle))
        {
            return true;
        }

        if (!seen.Add(type) || type.Assembly != LocalHostApp.Functions && type.Assembly != typeof(TicketService).Assembly)
        {
            return false;
        }

        return type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(c => c.GetParameters())
            .Any(p => Reaches(p.ParameterType, seen));
    }
}
