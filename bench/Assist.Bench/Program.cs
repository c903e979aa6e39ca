using Assist.Bench;

// One subcommand per measured concern; later issues add theirs to the table below.
var commands = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["storage"] = StorageBenchmark.RunAsync,
    ["reports"] = ReportsBenchmark.RunAsync,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: Assist.Bench <command> [options]");
    Console.Error.WriteLine("commands:");
    Console.Error.WriteLine("  storage [--entities N]   single inserts vs entity group transactions on a private Azurite");
    Console.Error.WriteLine("  reports [--tickets N]    seed a quarter of tickets (default 100,000) in 30 departments; time the scorecard and the CSV/XLSX ledger exports");
    return 2;
}

return await command(args[1..]);
