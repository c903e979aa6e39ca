using System.IO.Compression;
using System.Text.Json.Nodes;
using Assist.Functions.Lifecycle;
using Assist.Functions.Triggers;

namespace Assist.Functions.Tests.Deployment;

/// <summary>
/// The zip scripts/publish produces is what Flex Consumption unpacks and the Functions host starts as a .NET isolated
/// worker: host.json, functions.metadata, worker.config.json, extensions.json and .azurefunctions/ at the root beside
/// the app (Microsoft's "Deployment payload" for the isolated worker model), the worker worker.config.json names in it,
/// and no local settings, symbols or function.json folders.
/// </summary>
public sealed class PackageLayoutTests(BuildOutputPackage package) : IClassFixture<BuildOutputPackage>, IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("assist-package-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void LayoutOnly_FromBuildOutput_ZipsAnIsolatedWorkerPackage()
    {
        Assert.True(package.ExitCode == 0, package.Output);
        IsolatedWorkerPackage.AssertStartable(package.ZipPath);
    }

    [Fact]
    public void LayoutOnly_FromBuildOutput_ReportsTheZipSizeAndTheFunctionCount()
    {
        Assert.True(package.ExitCode == 0, package.Output);
        var functions = IsolatedWorkerPackage.Metadata(package.ZipPath).Count;

        Assert.Contains($"{new FileInfo(package.ZipPath).Length} bytes", package.Output, StringComparison.Ordinal);
        Assert.Contains($"{functions} functions in functions.metadata", package.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A customHandler section makes the host start the package as a custom handler, not as the worker
    /// worker.config.json describes. Passes once the worker change removes the section from host.json.
    /// </summary>
    [Fact]
    public void Package_HostJson_HasNoCustomHandlerSection()
    {
        Assert.True(package.ExitCode == 0, package.Output);
        var host = IsolatedWorkerPackage.Json(package.ZipPath, "host.json").AsObject();

        Assert.False(host.ContainsKey("customHandler"), $"host.json still declares a custom handler: {host["customHandler"]?.ToJsonString()}");
        Assert.Equal("2.0", (string?)host["version"]);
    }

    /// <summary>
    /// The functions Assist cannot run without beyond HTTP: the timer that schedules missing orchestrations and the
    /// ticket orchestration (under the name its instances are registered with).
    /// </summary>
    [Theory]
    [InlineData(SweepTimersFunction.Name, "timerTrigger")]
    [InlineData(TicketOrchestration.Name, "orchestrationTrigger")]
    public void Package_FunctionsMetadata_ListsTheFunction(string name, string trigger)
    {
        Assert.True(package.ExitCode == 0, package.Output);
        var functions = IsolatedWorkerPackage.Metadata(package.ZipPath);
        var listed = string.Join(", ", functions.Select(f => (string?)f["name"]).Order(StringComparer.Ordinal));

        var function = Assert.Single(functions, f => (string?)f["name"] == name);
        Assert.True(IsolatedWorkerPackage.Triggers(function).Contains(trigger, StringComparer.OrdinalIgnoreCase), $"{name} has no {trigger} binding. Listed: {listed}");
    }

    [Fact]
    public async Task LayoutOnly_BuildOutputWithSecretsSymbolsAndFunctionFolders_LeavesThemOut()
    {
        var source = CopyBuildOutput();
        await File.WriteAllTextAsync(Path.Combine(source, "local.settings.json"), """{"Values":{"Storage__ConnectionString":"secret"}}""");
        await File.WriteAllTextAsync(Path.Combine(source, "local.settings.Development.json"), """{"Values":{}}""");
        await File.WriteAllTextAsync(Path.Combine(source, ".azurefunctions", "Extra.pdb"), "symbols");
        await File.WriteAllTextAsync(Path.Combine(source, "Assist.Functions.dbg"), "symbols");
        // A custom-handler declaration left in a build output: the isolated worker's functions are in functions.metadata.
        Directory.CreateDirectory(Path.Combine(source, "LegacyTimer"));
        await File.WriteAllTextAsync(Path.Combine(source, "LegacyTimer", "function.json"), """{"bindings":[{"type":"timerTrigger","name":"timer","schedule":"0 * * * * *"}]}""");

        var (exitCode, output) = await PublishScript.RunAsync("--layout-only", source, Path.Combine(_out, "package"));

        Assert.True(exitCode == 0, output);
        var zipPath = Path.Combine(_out, "package", "assist-functions.zip");
        IsolatedWorkerPackage.AssertStartable(zipPath);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("LegacyTimer/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("host.json")]
    [InlineData("functions.metadata")]
    [InlineData("worker.config.json")]
    public async Task LayoutOnly_BuildOutputWithoutAFileTheHostReads_FailsWithoutAPackage(string file)
    {
        var source = CopyBuildOutput();
        File.Delete(Path.Combine(source, file));

        var (exitCode, output) = await RunOverAnEarlierPackageAsync(source);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{file} is missing", output, StringComparison.Ordinal);
        AssertNoPackage();
    }

    [Fact]
    public async Task LayoutOnly_WorkerConfigNamingAMissingWorker_FailsWithoutAPackage()
    {
        var source = CopyBuildOutput();
        var workerConfig = Path.Combine(source, "worker.config.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(workerConfig))!;
        config["description"]!["defaultWorkerPath"] = "NotThere.dll";
        await File.WriteAllTextAsync(workerConfig, config.ToJsonString());

        var (exitCode, output) = await RunOverAnEarlierPackageAsync(source);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'NotThere.dll', which is not in the package", output, StringComparison.Ordinal);
        AssertNoPackage();
    }

    /// <summary>The real thing, once: a framework-dependent Release publish, laid out and zipped.</summary>
    [Fact]
    public async Task Publish_FrameworkDependentRelease_ZipsAnIsolatedWorkerPackage()
    {
        var (exitCode, output) = await PublishScript.RunAsync(_out);

        Assert.True(exitCode == 0, output);
        var zipPath = Path.Combine(_out, "assist-functions.zip");
        IsolatedWorkerPackage.AssertStartable(zipPath);
        Assert.Contains($"{new FileInfo(zipPath).Length} bytes", output, StringComparison.Ordinal);

        // Framework-dependent: Flex Consumption's dotnet-isolated 10.0 runtime supplies .NET and ASP.NET Core, so
        // neither ships inside (a self-contained publish would add the runtime and list it as includedFrameworks).
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.DoesNotContain(zip.Entries, e => e.Name is "libcoreclr.so" or "System.Private.CoreLib.dll" or "Microsoft.AspNetCore.dll");
        var runtime = IsolatedWorkerPackage.Json(zipPath, "Assist.Functions.runtimeconfig.json")["runtimeOptions"]!;
        Assert.Null(runtime["includedFrameworks"]);
        Assert.Equal("net10.0", (string?)runtime["tfm"]);
        var frameworks = runtime["frameworks"]!.AsArray().Select(f => (string?)f!["name"]).ToList();
        Assert.Contains("Microsoft.NETCore.App", frameworks);
        Assert.Contains("Microsoft.AspNetCore.App", frameworks);
    }

    private async Task<(int ExitCode, string Output)> RunOverAnEarlierPackageAsync(string source)
    {
        // A package from an earlier run sits where the new one goes: a failed run must not leave it to be deployed.
        var target = Path.Combine(_out, "package");
        Directory.CreateDirectory(Path.Combine(target, "assist-functions"));
        await File.WriteAllTextAsync(Path.Combine(target, "assist-functions", "host.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(target, "assist-functions.zip"), "an earlier package");
        return await PublishScript.RunAsync("--layout-only", source, target);
    }

    private void AssertNoPackage()
    {
        var target = Path.Combine(_out, "package");
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    private string CopyBuildOutput()
    {
        var source = Path.Combine(_out, "build");
        var from = PublishScript.FunctionsBuildOutput();
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(source, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return source;
    }
}

/// <summary>The build output laid out once by <c>scripts/publish --layout-only</c>, for the tests that only read it.</summary>
public sealed class BuildOutputPackage : IAsyncLifetime
{
    private readonly string _out = Directory.CreateTempSubdirectory("assist-package-").FullName;

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = string.Empty;

    public string ZipPath => Path.Combine(_out, "assist-functions.zip");

    public async Task InitializeAsync() =>
        (ExitCode, Output) = await PublishScript.RunAsync("--layout-only", PublishScript.FunctionsBuildOutput(), _out);

    public Task DisposeAsync()
    {
        Directory.Delete(_out, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>What the Functions host needs of a package to start it as a .NET isolated worker.</summary>
public static class IsolatedWorkerPackage
{
    /// <summary>The files the host reads at the package root before it starts the worker.</summary>
    private static readonly string[] HostFiles = ["host.json", "functions.metadata", "worker.config.json", "extensions.json"];

    public static void AssertStartable(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        // At the root, not inside an enclosing folder: the host looks for them where the package is mounted.
        Assert.All(HostFiles, f => Assert.Contains(f, entries));
        Assert.Contains(entries, e => e.StartsWith(".azurefunctions/", StringComparison.Ordinal) && !e.EndsWith('/'));
        Assert.Contains("wwwroot/css/site.css", entries);

        // The host runs `dotnet <defaultWorkerPath>`: that file must be in the package.
        var worker = Json(zipPath, "worker.config.json")["description"]!;
        Assert.Equal("dotnet-isolated", (string?)worker["language"]);
        Assert.Equal("dotnet", (string?)worker["defaultExecutablePath"]);
        var workerPath = (string?)worker["defaultWorkerPath"];
        Assert.False(string.IsNullOrEmpty(workerPath));
        Assert.True(entries.Contains(workerPath), $"worker.config.json starts '{workerPath}', which the package lacks.");

        // The host loads its binding extensions (Durable Task) from .azurefunctions/.
        var hints = Json(zipPath, "extensions.json")["extensions"]!.AsArray().Select(e => (string?)e!["hintPath"]).OfType<string>().ToList();
        Assert.NotEmpty(hints);
        Assert.All(hints, h => Assert.Contains(h.StartsWith("./", StringComparison.Ordinal) ? h[2..] : h, entries));

        // Every function runs in that worker; every HTTP one is Anonymous at the host (Assist authorises itself).
        var functions = Metadata(zipPath);
        Assert.All(functions, f => Assert.Equal(workerPath, (string?)f["scriptFile"]));
        var http = functions.Where(f => Triggers(f).Contains("httpTrigger", StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(http);
        Assert.All(http, f => Assert.True(
            string.Equals((string?)f["bindings"]!.AsArray().First(b => string.Equals((string?)b!["type"], "httpTrigger", StringComparison.OrdinalIgnoreCase))!["authLevel"], "Anonymous", StringComparison.OrdinalIgnoreCase),
            $"{f["name"]} is not Anonymous at the host."));

        // Nothing of the custom handler's declarations, no local settings, no symbols.
        Assert.DoesNotContain(zip.Entries, e => e.Name == "function.json");
        Assert.DoesNotContain(zip.Entries, e => e.Name.StartsWith("local.settings", StringComparison.Ordinal)
            || e.Name.EndsWith(".pdb", StringComparison.Ordinal) || e.Name.EndsWith(".dbg", StringComparison.Ordinal));
    }

    public static JsonNode Json(string zipPath, string entryName)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"The package has no {entryName}.");
        using var stream = entry.Open();
        return JsonNode.Parse(stream)!;
    }

    public static IReadOnlyList<JsonObject> Metadata(string zipPath) =>
        Json(zipPath, "functions.metadata").AsArray().Select(f => f!.AsObject()).ToList();

    public static IReadOnlyList<string> Triggers(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => (string?)b!["type"]).OfType<string>().ToList();
}
