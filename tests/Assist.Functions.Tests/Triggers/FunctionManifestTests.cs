using System.Text.Json.Nodes;
using Assist.Functions.Triggers;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Triggers;

public sealed class FunctionManifestTests
{
    private static readonly string SourceRoot = RepositoryPaths.Combine("functions", "Assist.Functions");

    [Fact]
    public void Validate_EveryFunctionJsonInTheRepository_IsValid()
    {
        var manifest = FunctionManifest.Load(SourceRoot);

        Assert.Empty(manifest.Validate());
        Assert.Contains(manifest.Functions, f => f.Name == "HttpEntry");
        Assert.Contains(manifest.Functions, f => f.Name == "SweepTimers" && f.IsTimer);
    }

    [Fact]
    public void Load_HttpEntry_IsAnonymousCatchAllForEveryMethod()
    {
        var http = FunctionManifest.Load(SourceRoot).Functions.Single(f => f.Name == "HttpEntry");

        var trigger = Assert.IsType<FunctionBinding>(http.Trigger);
        Assert.Equal("httpTrigger", trigger.Type);
        Assert.Equal("anonymous", trigger.AuthLevel);
        Assert.Equal("{*path}", trigger.Route);
        Assert.Superset(new HashSet<string> { "get", "post", "put", "patch", "delete" }, trigger.Methods!.ToHashSet());
        Assert.Contains(http.Bindings, b => b.Type == "http" && b.Direction == "out");
    }

    [Fact]
    public void Load_BuildOutput_HasTheSameFunctionsAsTheSource()
    {
        var source = FunctionManifest.Load(SourceRoot).Functions.Select(f => f.Name);
        var output = FunctionManifest.Load(AppContext.BaseDirectory).Functions.Select(f => f.Name);

        Assert.Equal(source, output);
    }

    [Fact]
    public async Task Validate_TimerFunctionFolders_MatchRegisteredHandlers()
    {
        var timers = FunctionManifest.Load(SourceRoot).Timers.Select(f => f.Name).Order().ToList();
        await using var app = AssistApp.Build(["--Storage:ConnectionString=UseDevelopmentStorage=true", "--Scheduler:Enabled=false"]);
        var handlers = app.Services.GetServices<ITimerFunction>().Select(f => f.Name).Order().ToList();

        Assert.Equal(timers, handlers);
    }

    [Fact]
    public void Validate_UnknownBindingAndBadSchedule_AreReported()
    {
        using var folder = new TempFunctions();
        folder.Write("Broken", """{"bindings":[{"type":"timerTrigger","direction":"in","name":"t","schedule":"every minute"},{"type":"carrierPigeon","direction":"out","name":"p"}]}""");
        folder.Write("1Bad", """{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"}]}""");

        var problems = FunctionManifest.Load(folder.Root).Validate();

        Assert.Contains(problems, p => p.Contains("unknown binding type 'carrierPigeon'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Broken:", StringComparison.Ordinal) && p.Contains("fields", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("1Bad:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0 */5 * * * *", true)]
    [InlineData("*/30 * * * * *", true)]
    [InlineData("0 9 * * 1-5", true)]
    [InlineData("61 * * * * *", false)]
    [InlineData("%SweepSchedule%", true)]
    [InlineData("%Missing%", false)]
    public void TryParseSchedule_NcrontabAndAppSettings_ParseAsTheHostDoes(string schedule, bool valid)
    {
        var ok = FunctionManifest.TryParseSchedule(schedule, key => key == "SweepSchedule" ? "0 */2 * * * *" : null, out var parsed, out var error);

        Assert.Equal(valid, ok);
        Assert.Equal(valid, parsed is not null);
        Assert.Equal(valid, error is null);
    }

    /// <summary>A throw-away folder of function folders.</summary>
    internal sealed class TempFunctions : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("assist-functions-").FullName;

        public void Write(string name, string functionJson)
        {
            Directory.CreateDirectory(Path.Combine(Root, name));
            File.WriteAllText(Path.Combine(Root, name, "function.json"), functionJson);
        }

        public void CopyFrom(string sourceRoot, string name)
        {
            Directory.CreateDirectory(Path.Combine(Root, name));
            File.Copy(Path.Combine(sourceRoot, name, "function.json"), Path.Combine(Root, name, "function.json"));
        }

        public JsonNode Read(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, name, "function.json")))!;

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
