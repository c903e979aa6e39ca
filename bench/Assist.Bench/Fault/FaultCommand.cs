using System.Diagnostics;
using Assist.Bench.Harness;

namespace Assist.Bench.Fault;

/// <summary>
/// The fault tests (scripts/fault), each on its own private Azurite and app processes on loopback, bounded in time:
/// SIGKILL during an intake-and-action load, a 10 s storage outage, two instances on one task hub, and a
/// hostile-input run. Prints a summary and exits non-zero on any loss, duplicate, missed timer, missing or unsettled
/// orchestration, 500 or stored input.
/// </summary>
/// <remarks>
/// Options: <c>--seconds N</c> (the kill run's load, default 150), <c>--rate N</c> (submissions per second in the kill
/// run, default 2; the outage run sends four times as many), <c>--tickets N</c> (two instances, default 150) and
/// <c>--only kill,outage,two,hostile</c> (a subset, for development).
/// </remarks>
internal static class FaultCommand
{
    private static readonly string[] FailureCounters =
    [
        "lost tickets", "lost events", "ledger gaps or broken chains", "duplicated timer effects", "missed due timers",
        "duplicated notifications", "missing orchestrations", "orchestrations not settled", "unscheduled submissions",
        "clock behind after restart", "partitions not shared", "500 answers", "outage answers other than 503",
        "no recovery after outage", "hostile answered not 4xx problem+json", "hostile stored",
    ];

    private static readonly string[] Parts = ["kill", "outage", "two", "hostile"];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = CommandOptions.Int(args, "--seconds", 150);
        var rate = CommandOptions.Int(args, "--rate", 2);
        var tickets = CommandOptions.Int(args, "--tickets", 150);
        var only = Array.IndexOf(args, "--only") is var i and >= 0 && i + 1 < args.Length
            ? args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : Parts;
        if (only.Except(Parts, StringComparer.Ordinal).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"--only takes {string.Join(", ", Parts)}; not '{unknown}'.");
            return 2;
        }

        var cancellationToken = ChildProcesses.Cancellation.Token;
        var report = new FaultReport();
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Assist fault tests on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; loopback only.");
        Console.WriteLine(FaultEngine.Describe());
        Console.WriteLine();
        if (only.Contains("kill"))
        {
            await KillTest.RunAsync(report, TimeSpan.FromSeconds(seconds), rate, cancellationToken);
        }

        if (only.Contains("outage"))
        {
            await OutageTest.RunAsync(report, rate * 4, cancellationToken);
        }

        if (only.Contains("two"))
        {
            await TwoInstancesTest.RunAsync(report, tickets, cancellationToken);
        }

        if (only.Contains("hostile"))
        {
            await HostileInputTest.RunAsync(report, cancellationToken);
        }

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
            ? $"PASS: nothing lost, nothing duplicated, every due timer fired once ({clock.Elapsed.TotalMinutes:N1} min)."
            : $"FAIL: {failed} problems ({clock.Elapsed.TotalMinutes:N1} min).");
        return failed == 0 ? 0 : 1;
    }
}
