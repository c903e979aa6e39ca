using System.Diagnostics;
using Assist.Bench.Harness;

namespace Assist.Bench.Fault;

/// <summary>
/// The fault tests (scripts/fault), each on its own private Azurite and app processes on loopback, bounded in time:
/// SIGKILL during an intake-and-action load, a 10 s storage outage, two instances sweeping the same timers, and a
/// hostile-input run. Prints a summary and exits non-zero on any loss, duplicate, missed timer, 500 or stored input.
/// </summary>
internal static class FaultCommand
{
    private static readonly string[] FailureCounters =
    [
        "lost tickets", "lost events", "ledger gaps or broken chains", "duplicated timer effects", "missed due timers",
        "duplicated notifications", "500 answers", "outage answers other than 503", "no recovery after outage",
        "hostile answered not 4xx problem+json", "hostile stored",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = CommandOptions.Int(args, "--seconds", 120);
        var cancellationToken = ChildProcesses.Cancellation.Token;
        var report = new FaultReport();
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Assist fault tests on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; loopback only.");
        Console.WriteLine();
        await KillTest.RunAsync(report, TimeSpan.FromSeconds(seconds), CommandOptions.Int(args, "--rate", 30), cancellationToken);
        await OutageTest.RunAsync(report, CommandOptions.Int(args, "--rate", 30) * 4, cancellationToken);
        await TwoInstancesTest.RunAsync(report, cancellationToken);
        await HostileInputTest.RunAsync(report, cancellationToken);

        Console.WriteLine("## Summary");
        var table = new ResultTable("Count", "Value");
        foreach (var name in new[]
                 {
                     "requests", "tickets acknowledged (201)", "actions acknowledged (2xx)", "kills (SIGKILL)", "restarts", "clock moves",
                     "unanswered during kills", "503 during outage", "hostile submissions", "duplicated effects (two instances)",
                 })
        {
            table.Add(name, report[name]);
        }

        foreach (var name in FailureCounters)
        {
            table.Add(name, report[name]);
        }

        Console.Write(table);
        var failed = FailureCounters.Sum(name => report[name]);
        foreach (var problem in report.Problems)
        {
            Console.WriteLine("  ! " + problem);
        }

        Console.WriteLine();
        Console.WriteLine(failed == 0
            ? $"PASS: nothing lost, nothing duplicated ({clock.Elapsed.TotalMinutes:N1} min)."
            : $"FAIL: {failed} problems ({clock.Elapsed.TotalMinutes:N1} min).");
        return failed == 0 ? 0 : 1;
    }
}
