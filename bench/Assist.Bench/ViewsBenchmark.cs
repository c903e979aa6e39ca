namespace Assist.Bench;

internal static class ViewsBenchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
