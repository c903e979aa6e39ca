namespace Assist.Bench;

internal static class SweepBenchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
