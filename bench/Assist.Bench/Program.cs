using Assist.Bench;

// One subcommand per measured concern; later issues add theirs to the table below.
var commands = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["storage"] = StorageBenchmark.RunAsync,
    ["reports"] = ReportsBenchmark.RunAsync,
    ["intake"] = IntakeBenchmark.RunAsync,
    ["lifecycle"] = LifecycleBenchmark.RunAsync,
    ["sweep"] = SweepBenchmark.RunAsync,
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
    Console.Error.WriteLine("  intake | lifecycle | sweep | views | all   issue 9's benchmarks (scripts/bench runs all)");
    Console.Error.WriteLine("  clock [--tickets N]      the development clock moved 30 days with N open tickets (default 50): seconds until settled");
    Console.Error.WriteLine("  fault                    issue 9's fault tests (scripts/fault)");
    return 2;
}

return await command(args[1..]);
