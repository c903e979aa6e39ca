namespace Assist.Bench;

internal static class AllBenchmarks
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
