using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Assist.Bench.Harness;
using Assist.Domain.Tickets;

namespace Assist.Bench;

/// <summary>
/// Views with 100,000 tickets in storage, through the app: the first page of the officer desk (<c>GET /api/staff/desk</c>)
/// and of the supervisor overdue board (<c>GET /api/staff/overdue</c>), and searches of the largest department queue by
/// ticket number and by part of an enterprise name, and of the overdue board by part of a name. Seeded in the engine's layout: every ticket's partition (head +
/// events, one transaction per ticket); of them, --open (default 10,000) are open — assigned round robin over the 24
/// liaison officers like the engine does, with desk, department-queue rows and view trackers — and --overdue (default
/// 2,000) of those have reached the yellow card (blue reminder, then yellow card, decided by the real decider), so
/// they are on the overdue board. The closed history is seeded within --seed-seconds (default 300; 100,000 tickets take
/// about 2 minutes here). The app runs with its scheduler off so no sweep competes with the reads.
/// </summary>
internal static class ViewsBenchmark
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The n a seeded ticket was made from (its number ends in it, <see cref="TicketSeeder.Submit"/>).</summary>
    private static int SeedIndex(SeededTicket ticket) =>
        int.Parse(ticket.State.TicketNumber[(ticket.State.TicketNumber.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>A part of seeded enterprise n's name (<see cref="TicketSeeder.Form"/>) that no other open ticket's name contains when n ≥ 1,000.</summary>
    private static string NamePart(int n) => "有限公司" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The list in an answer: <c>{ items }</c>, or a bare array from a build before paging.</summary>
    private static JsonElement Items(JsonElement answer) => answer.ValueKind == JsonValueKind.Array ? answer : answer.GetProperty("items");

    public static async Task<int> RunAsync(string[] args)
    {
        var total = CommandOptions.Int(args, "--tickets", 100_000);
        var open = Math.Min(total, CommandOptions.Int(args, "--open", 10_000));
        var overdue = Math.Min(open, CommandOptions.Int(args, "--overdue", 2_000));
        var requests = CommandOptions.Int(args, "--requests", 200);
        var cancellationToken = ChildProcesses.Cancellation.Token;
        Console.WriteLine($"## Views: desk, overdue board and searches with up to {total:N0} tickets in storage ({open:N0} open, {overdue:N0} overdue)");
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
            var department = openTickets.GroupBy(t => t.State.LeadDepartmentId).OrderByDescending(g => g.Count()).First();
            var queue = $"api/staff/departments/{department.Key}/queue";
            // Name parts that match one open ticket each ("…有限公司1234": the seeded names end in the ticket's n), so the
            // search reads the whole partition: the worst case, not a first page that fills at once.
            var inQueue = department.Select(t => (Number: t.State.TicketNumber, N: SeedIndex(t))).Where(t => t.N >= 1_000).ToList();
            var onBoard = openTickets.Take(overdue).Select(SeedIndex).Where(n => n >= 1_000).ToList();
            var views = new List<(string Label, string User, int Partition, Func<int, string> Path)>
            {
                ($"officer desk ({officer}), first page of 50", officer, openTickets.Count(t => t.State.OfficerId == officer), _ => "api/staff/desk"),
                ("overdue board, first page of 50", "supervisor.1", overdue, _ => "api/staff/overdue"),
                ($"queue ({department.Key}) by ticket number", "supervisor.1", department.Count(), i => $"{queue}?q={inQueue[i % inQueue.Count].Number}"),
                ($"queue ({department.Key}) by part of a name", "supervisor.1", department.Count(), i => $"{queue}?q={Uri.EscapeDataString(NamePart(inQueue[i % inQueue.Count].N))}"),
            };
            if (onBoard.Count > 0)
            {
                views.Add(("overdue board by part of a name", "supervisor.1", overdue, i => $"api/staff/overdue?q={Uri.EscapeDataString(NamePart(onBoard[i % onBoard.Count]))}"));
            }

            var table = new ResultTable("View", "Build", "Tickets in storage", "Rows in partition", "Rows returned", "Requests", "p50 (ms)", "p95 (ms)", "p99 (ms)", "p95 vs baseline");
            foreach (var (label, user, partition, path) in views)
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
                        using var response = await http.SendAsync(ApiClient.Get(apps[a].App.BaseAddress, path(i), tokens[a]), cancellationToken);
                        var body = await response.Content.ReadAsStringAsync(cancellationToken);
                        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            throw new InvalidOperationException($"{apps[a].Build}: {path(i)} answered {(int)response.StatusCode}: {body}");
                        }

                        if (i >= 10)
                        {
                            latencies[a].Add(elapsed);
                        }

                        rows[a] = Items(JsonDocument.Parse(body).RootElement).GetArrayLength();
                    }
                }

                double? baselineP95 = null;
                for (var a = 0; a < apps.Count; a++)
                {
                    var sorted = Stats.Sorted(latencies[a]);
                    var p95 = Stats.Percentile(sorted, 95);
                    var ratio = baselineP95 is { } before ? (p95 / before).ToString("0.00", CultureInfo.InvariantCulture) : "–";
                    baselineP95 ??= apps.Count > 1 ? p95 : null;
                    table.Add(label, apps[a].Build, written, partition, rows[a], requests, Stats.Ms(Stats.Percentile(sorted, 50)), Stats.Ms(p95), Stats.Ms(Stats.Percentile(sorted, 99)), ratio);
                }
            }

            Console.WriteLine();
            Console.Write(table);
            Console.WriteLine();
            Console.WriteLine("A first page is one single-partition range query of Views in row-key order (the rows are keyed in display order), 51 rows");
            Console.WriteLine("at most. By ticket number: two point reads (the ticket's view tracker names its row in the queue, then that row). By part");
            Console.WriteLine("of a name: the one partition is read and matched in the app until a page is full; each name part here matches one ticket,");
            Console.WriteLine("so the whole partition is read (the worst case). Sequential requests from one client after 10 warm-up requests (with a");
            Console.WriteLine("baseline, the two builds in turn; a build before paging answers whole lists and ignores q). Azurite keeps a table in one");
            Console.WriteLine("in-memory collection and scans it, so its cost grows with the table; Azure Table Storage serves a partition query from the");
            Console.WriteLine("partition alone. A name search that must not read the partition would need an index, not built here: in Azure, a table of");
            Console.WriteLine("name bigrams (partition = list + bigram, row = the list's row key; intersect the bigrams of the query) written by the same");
            Console.WriteLine("projector, or Azure AI Search over the view rows (non-confidential names only) for full-text and ranking.");
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
