using Assist.Bench;

// One subcommand per measured concern; later issues add theirs to the table below.
var commands = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["storage"] = StorageBenchmark.RunAsync,
    ["reports"] = ReportsBenchmark.RunAsync,
    ["intake"] = IntakeBenchmark.RunAsync,
    ["processing"] = ProcessingBenchmark.RunAsync,
    ["timers"] = TimersBenchmark.RunAsync,
    ["lifecycle"] = LifecycleBenchmark.RunAsync,
    ["views"] = ViewsBenchmark.RunAsync,
    ["clock"] = ClockBenchmark.RunAsync,
    ["all"] = AllBenchmarks.RunAsync,
    ["fault"] = Assist.Bench.Fault.FaultCommand.RunAsync,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: Assist.Bench <command> [options]");
    Console.Error.WriteLine("commands:");
    Console.Error.WriteLine("  storage [--entities N]   single inserts vs entity group transactions on a private Azurite");
    Console.Error.WriteLine("  reports [--tickets N]    seed a quarter of tickets (default 100,000) in 30 departments; time the scorecard and the CSV/XLSX ledger exports");
    Console.Error.WriteLine("  intake [--seconds N] [--levels 1,16,64]     POST /api/tickets vs one batch per ticket; 201 → scheduled; drain");
    Console.Error.WriteLine("  processing [--tickets N] [--clients N]      a burst until routed, assigned and projected vs the bare engine");
    Console.Error.WriteLine("  timers [--tickets N] [--lead-seconds N]     N reminders due at once vs N bare durable timers");
    Console.Error.WriteLine("  lifecycle                                   storage transactions per ticket vs the bare engine");
    Console.Error.WriteLine("  all                                         intake, processing, timers, lifecycle (scripts/bench with no argument)");
    Console.Error.WriteLine("  clock [--tickets N]                         the development clock moved 30 days with N open tickets (default 50): seconds until settled");
    Console.Error.WriteLine("  views [--tickets N]                         desk and overdue board with many tickets in storage");
    Console.Error.WriteLine("  (intake, processing, timers and lifecycle take --set KEY=VALUE: an app setting, given to the bare engine's too)");
    Console.Error.WriteLine("  fault                    issue 9's fault tests (scripts/fault)");
    return 2;
}

return await command(args[1..]);
