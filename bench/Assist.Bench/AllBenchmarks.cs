using System.Diagnostics;

namespace Assist.Bench;

/// <summary>Issue 18's benchmarks in one run, each printing its own table: intake, processing, timers, lifecycle.</summary>
internal static class AllBenchmarks
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Assist benchmarks on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; client, app and Azurite share the machine.");
        Console.WriteLine();
        var status = 0;
        status |= await IntakeBenchmark.RunAsync(args);
        status |= await ProcessingBenchmark.RunAsync(args);
        status |= await TimersBenchmark.RunAsync(args);
        status |= await LifecycleBenchmark.RunAsync(args);
        Console.WriteLine($"All benchmarks done in {clock.Elapsed.TotalMinutes:N1} min.");
        return status;
    }
}
