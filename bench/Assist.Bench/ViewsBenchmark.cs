using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Assist.Bench.Harness;
using Assist.Domain.Tickets;

namespace Assist.Bench;

/// <summary>
/// Views with 100,000 tickets in storage: the officer desk (<c>GET /api/staff/desk</c>) and the supervisor overdue board
/// (<c>GET /api/staff/overdue</c>) through the app. Seeded in the engine's layout: every ticket's partition (head +
/// events, one transaction per ticket); of them, --open (default 10,000) are open — assigned round robin over the 24
/// liaison officers like the engine does, with desk, department-queue rows and view trackers — and --overdue (default
/// 2,000) of those have reached the yellow card (blue reminder, then yellow card, decided by the real decider), so
/// they are on the overdue board. The closed history is seeded within --seed-seconds (default 300; 100,000 tickets take
/// about 2 minutes here). The app runs with its scheduler off so no sweep competes with the reads.
/// </summary>
internal static class ViewsBenchmark
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    public static async Task<int> RunAsync(string[] args)
    {
        var total = CommandOptions.Int(args, "--tickets", 100_000);
        var open = Math.Min(total, CommandOptions.Int(args, "--open", 10_000));
        var overdue = Math.Min(open, CommandOptions.Int(args, "--overdue", 2_000));
        var requests = CommandOptions.Int(args, "--requests", 200);
        var cancellationToken = ChildProcesses.Cancellation.Token;
        Console.WriteLine($"## Views: desk and overdue board with up to {total:N0} tickets in storage ({open:N0} open, {overdue:N0} overdue)");
        using var http = ApiClient.Create();
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken, inMemory: true);
        using var engine = new Engine(azurite.ConnectionString, TimeProvider.System);
        var directory = await engine.InitializeAsync(cancellationToken);
        // The seeded tickets stand for views, not for lifecycles: the one-time back-fill of open tickets' orchestrations
        // runs now, on the empty store, so the app does not scan 100,000 ticket heads while it is being measured.
        await engine.Service.BackfillLifecyclesAsync(cancellationToken);
        var seeder = new TicketSeeder(engine.Storage, directory);

        // Open tickets first (their view rows are what the views read), then the closed history. Since every row key names
        // its ticket (WorkflowKeys), Azurite finds an entity by its row key in one step and seeding is linear: 100,000 ticket
        // partitions took about 2 minutes here (with shared row keys it was quadratic: 25,000 in 300 s). The budget only
        // guards against a much slower machine: when it runs out, the measurement goes on with the tickets written so far.
        var budget = TimeSpan.FromSeconds(CommandOptions.Int(args, "--seed-seconds", 300));
        var seeding = Stopwatch.StartNew();
        var openTickets = new List<SeededTicket>(open);
        var written = 0;
        const int Chunk = 2_500;
        for (var start = 1; start <= total && (start <= open || seeding.Elapsed < budget); start += Chunk)
        {
            var batch = new List<SeededTicket>(Chunk);
            for (var n = start; n < start + Chunk && n <= total; n++)
            {
                var isOpen = n <= open;
                var ticket = seeder.Submit(n, Submitted.AddSeconds(n % 3600), ApiClient.Topics[n % ApiClient.Topics.Length], isOpen);
                if (n <= overdue)
                {
                    ticket = seeder.Fire(ticket, TimerKind.BlueReminder, TimerKind.YellowCard);
                }

                batch.Add(ticket);
                if (isOpen)
                {
                    openTickets.Add(ticket);
                }
            }

            await seeder.WriteTicketsAsync(batch, 48, cancellationToken);
            written += batch.Count;
            if (written % 10_000 == 0 || written == open)
            {
                Console.WriteLine($"  {written:N0} ticket partitions written ({seeding.Elapsed.TotalSeconds:N0} s)");
            }
        }

        await seeder.WriteProjectionsAsync(openTickets, 32, cancellationToken);
        Console.WriteLine($"  seeded {written:N0} ticket partitions and the views of {open:N0} open tickets in {seeding.Elapsed.TotalSeconds:N0} s");
        if (written < total)
        {
            Console.WriteLine($"  WARNING: the {budget.TotalSeconds:N0} s seed budget (--seed-seconds) ran out: measuring with {written:N0} of the {total:N0} tickets asked for.");
        }

        var settings = new Dictionary<string, string>
        {
            ["Scheduler__Enabled"] = "false",
            ["DevClock__Start"] = new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(8)).ToString("O", CultureInfo.InvariantCulture),
        };

        // With --baseline-dll (scripts/bench views --baseline REV builds it), another build of the app serves the same
        // storage beside this one and the two are asked in turn, so Azurite's noise falls on both alike.
        var apps = new List<(string Build, AppProcess App)> { ("this build", new AppProcess("views", azurite.ConnectionString, settings)) };
        if (CommandOptions.String(args, "--baseline-dll") is { } baseline)
        {
            apps.Insert(0, ("baseline", new AppProcess("views-baseline", azurite.ConnectionString, settings, dllPath: baseline)));
        }

        try
        {
            foreach (var (_, app) in apps)
            {
                await app.StartAsync(http, cancellationToken);
            }

            var officer = openTickets.GroupBy(t => t.State.OfficerId).OrderByDescending(g => g.Count()).First().Key!;
            var table = new ResultTable("View", "Build", "Tickets in storage", "Rows returned", "Requests", "p50 (ms)", "p95 (ms)", "p99 (ms)", "p95 vs baseline");
            foreach (var (label, user, path) in new[] { ($"officer desk ({officer})", officer, "api/staff/desk"), ("supervisor overdue board", "supervisor.1", "api/staff/overdue") })
            {
                var tokens = new List<string>();
                foreach (var (_, app) in apps)
                {
                    tokens.Add(await ApiClient.TokenAsync(http, app.BaseAddress, user, cancellationToken));
                }

                var latencies = apps.Select(_ => new List<double>()).ToList();
                var rows = new int[apps.Count];
                for (var i = 0; i < requests + 10; i++)
                {
                    for (var a = 0; a < apps.Count; a++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        using var response = await http.SendAsync(ApiClient.Get(apps[a].App.BaseAddress, path, tokens[a]), cancellationToken);
                        var body = await response.Content.ReadAsStringAsync(cancellationToken);
                        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            throw new InvalidOperationException($"{apps[a].Build}: {path} answered {(int)response.StatusCode}: {body}");
                        }

                        if (i >= 10)
                        {
                            latencies[a].Add(elapsed);
                        }

                        rows[a] = JsonDocument.Parse(body).RootElement.GetArrayLength();
                    }
                }

                double? baselineP95 = null;
                for (var a = 0; a < apps.Count; a++)
                {
                    var sorted = Stats.Sorted(latencies[a]);
                    var p95 = Stats.Percentile(sorted, 95);
                    var ratio = baselineP95 is { } before ? (p95 / before).ToString("0.00", CultureInfo.InvariantCulture) : "–";
                    baselineP95 ??= apps.Count > 1 ? p95 : null;
                    table.Add(label, apps[a].Build, written, rows[a], requests, Stats.Ms(Stats.Percentile(sorted, 50)), Stats.Ms(p95), Stats.Ms(Stats.Percentile(sorted, 99)), ratio);
                }
            }

            Console.WriteLine();
            Console.Write(table);
            Console.WriteLine();
            Console.WriteLine("Each view is one single-partition query of Views (the officer's desk partition, the overdue partition), sorted in the app;");
            Console.WriteLine("sequential requests from one client after 10 warm-up requests (with a baseline, the two builds in turn). Azurite keeps a");
            Console.WriteLine("table in one in-memory collection, so its query cost grows with the table; Azure Table Storage serves a partition query");
            Console.WriteLine("from the partition alone.");
            Console.WriteLine();
            return 0;
        }
        finally
        {
            foreach (var (_, app) in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
