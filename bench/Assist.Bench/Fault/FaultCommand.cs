namespace Assist.Bench.Fault;

internal static class FaultCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
