using System.Diagnostics;
using Assist.Tests;

namespace Assist.Functions.Tests.Deployment;

/// <summary>Runs <c>scripts/publish</c> as a user would, and tells what it printed and how it ended.</summary>
public static class PublishScript
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(RepositoryPaths.Combine("scripts", "publish"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung publish, not an expectation about its speed.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The Assist.Functions build output of the configuration these tests were built in.</summary>
    public static string FunctionsBuildOutput()
    {
        // tests/Assist.Functions.Tests/bin/<Configuration>/<tfm>/
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return RepositoryPaths.Combine("functions", "Assist.Functions", "bin", tfmDirectory.Parent!.Name, tfmDirectory.Name);
    }
}
