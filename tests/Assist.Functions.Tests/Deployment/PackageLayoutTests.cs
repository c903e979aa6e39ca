using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Assist.Functions.Tests.Deployment;

/// <summary>
/// The zip scripts/publish produces is what the Functions host unpacks and starts: host.json at the root,
/// naming an executable that is there and executable, and one folder per function with a valid function.json.
/// </summary>
public sealed class PackageLayoutTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("assist-package-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task LayoutOnly_FromBuildOutput_ZipsAPackageTheHostCanStart()
    {
        var (exitCode, output) = await PublishScript.RunAsync("--layout-only", PublishScript.FunctionsBuildOutput(), _out);

        Assert.True(exitCode == 0, output);
        AssertStartablePackage(Path.Combine(_out, "assist-functions.zip"));
    }

    [Fact]
    public async Task LayoutOnly_BuildOutputWithSecretsAndSymbols_LeavesThemOut()
    {
        var source = CopyBuildOutput();
        await File.WriteAllTextAsync(Path.Combine(source, "local.settings.json"), """{"Values":{"Storage__ConnectionString":"secret"}}""");

        var (exitCode, output) = await PublishScript.RunAsync("--layout-only", source, Path.Combine(_out, "package"));

        Assert.True(exitCode == 0, output);
        using var zip = ZipFile.OpenRead(Path.Combine(_out, "package", "assist-functions.zip"));
        Assert.DoesNotContain(zip.Entries, e => e.Name is "local.settings.json" || e.Name.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LayoutOnly_HostJsonNamingAMissingExecutable_FailsWithoutAPackage()
    {
        var source = CopyBuildOutput();
        var hostJson = Path.Combine(source, "host.json");
        var host = JsonNode.Parse(await File.ReadAllTextAsync(hostJson))!;
        host["customHandler"]!["description"]!["defaultExecutablePath"] = "NotThere";
        await File.WriteAllTextAsync(hostJson, host.ToJsonString());

        var (exitCode, output) = await PublishScript.RunAsync("--layout-only", source, Path.Combine(_out, "package"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("NotThere", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, "package", "assist-functions.zip")));
    }

    /// <summary>The real thing, once: a self-contained linux-x64 publish, laid out and zipped.</summary>
    [Fact]
    public async Task Publish_SelfContainedLinuxX64_ZipsAPackageTheHostCanStart()
    {
        var (exitCode, output) = await PublishScript.RunAsync(_out);

        Assert.True(exitCode == 0, output);
        var zipPath = Path.Combine(_out, "assist-functions.zip");
        AssertStartablePackage(zipPath);
        using var zip = ZipFile.OpenRead(zipPath);
        // Self-contained: the runtime ships inside, since the host image promises no .NET 10.
        Assert.Contains(zip.Entries, e => e.FullName == "libcoreclr.so");
        Assert.Contains(zip.Entries, e => e.FullName == "Microsoft.AspNetCore.dll");
    }

    private static void AssertStartablePackage(string zipPath)
    {
        var extracted = Path.Combine(Path.GetDirectoryName(zipPath)!, "extracted");
        ZipFile.ExtractToDirectory(zipPath, extracted);
        using var zip = ZipFile.OpenRead(zipPath);

        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(extracted, "host.json")))!;
        var executable = (string?)host["customHandler"]?["description"]?["defaultExecutablePath"];
        Assert.False(string.IsNullOrEmpty(executable));
        Assert.True(File.Exists(Path.Combine(extracted, executable)), $"host.json starts '{executable}', which the package lacks.");
        var entry = zip.GetEntry(executable)!;
        var unixMode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(unixMode.HasFlag(UnixFileMode.UserExecute), $"'{executable}' is not executable in the zip (mode {unixMode}).");

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
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }

        return source;
    }
}
