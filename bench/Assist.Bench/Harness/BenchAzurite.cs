using Assist.Tests;

namespace Assist.Bench.Harness;

/// <summary>
/// The bench's Azurite: the tests' launcher (<see cref="AzuriteInstance"/>), with every node process registered so
/// none outlives the bench, stopped gracefully (SIGTERM, so Azurite saves: the fault runs stop storage mid-load and
/// expect what it acknowledged to be there after a restart), and its errors shown.
/// </summary>
internal static class BenchAzurite
{
    /// <summary>Node's heap limit for in-memory runs: a seed of 100,000 tickets holds millions of rows in node.</summary>
    private const int InMemoryHeapMegabytes = 12288;

    /// <summary>
    /// Starts Azurite; <paramref name="inMemory"/> keeps its data in memory only, so a big seed is not slowed by Azurite
    /// re-saving its whole database file; the benchmarks use it, the fault runs (which restart storage and expect the
    /// data back) do not.
    /// </summary>
    public static Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken, bool inMemory = false) =>
        AzuriteInstance.StartAsync(
            new AzuriteOptions
            {
                InMemory = inMemory,
                NodeHeapMegabytes = inMemory ? InMemoryHeapMegabytes : null,
                GracefulStop = TimeSpan.FromSeconds(20),
                Started = ChildProcesses.Track,
                Errors = line => Console.Error.WriteLine("azurite: " + line),
            },
            cancellationToken);
}
