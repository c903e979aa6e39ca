using System.Diagnostics;
using System.Globalization;
using Assist.Bench.Harness;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Reports.Exports;
using Assist.Storage.Tests.Reports;
using Assist.Storage.Workflow;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assist.Bench;

/// <summary>
/// Seeds a quarter of tickets in 30 departments on a private, in-memory Azurite (tables only) — each ticket played through the pure decider
/// (the tests' generator), its report rows written in bulk by <see cref="ReportBulkLoader"/> (the projection's own
/// row and delta functions, entity-group transactions) — then measures what supervisors wait for: the quarterly
/// scorecard and medal table, a filtered ledger page, and the full ledger exported as CSV and as XLSX to a
/// counting sink, with peak GC heap and process working set sampled while each runs.
/// </summary>
internal static class ReportsBenchmark
{
    private const int Departments = 30;

    public static async Task<int> RunAsync(string[] args)
    {
        var tickets = 100_000;
        if (args.Length == 2 && args[0] == "--tickets" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            tickets = parsed;
        }
        else if (args.Length != 0)
        {
            Console.Error.WriteLine("usage: Assist.Bench reports [--tickets N]");
            return 2;
        }

        Console.WriteLine($"Starting a private Azurite for {tickets:N0} tickets in {Departments} departments...");
        await using var azurite = await BenchAzurite.StartAsync(ChildProcesses.Cancellation.Token, inMemory: true);
        var clients = StorageAccountClients.FromConnectionString(azurite.ConnectionString);
        var storage = new WorkflowStorage(clients, TimeProvider.System, NullLoggerFactory.Instance, Options.Create(new WorkflowOptions { StorageNamePrefix = "bench" }));
        await storage.EnsureCreatedAsync();
        var directoryStore = new DirectoryStore(storage);
        await directoryStore.SeedAsync(Seed());
        var directory = await directoryStore.GetAsync();
        var reports = new ReportService(storage, directoryStore);
        var results = new ResultTable("Step", "Rows", "Time (ms)", "Peak GC heap (MiB)", "Peak working set (MiB)", "Output");

        // Seeding: generation (pure, CPU) and loading (storage) overlap, one ticket at a time through an enumerator.
        var context = new DecisionContext(directory.Policies, directory.Calendar, directory.Organization, directory.Routing, AssignmentSnapshot.Empty);
        var seedClock = Stopwatch.StartNew();
        var report = await new ReportBulkLoader(storage, concurrency: 8).LoadAsync("bench", Generate(context, directory, tickets), directory.Calendar);
        seedClock.Stop();
        results.Add($"seed {report.Tickets:N0} tickets ({report.Transactions:N0} batch transactions, {report.CounterRows:N0} counter rows)", report.LedgerRows, seedClock.Elapsed.TotalMilliseconds, "", "", "");
        Console.WriteLine($"  seeded in {seedClock.Elapsed.TotalSeconds:N0} s: {report.LedgerRows:N0} ledger rows");

        var quarter = ReportPeriod.OfQuarter(2026, 1);
        await reports.GetScorecardAsync(quarter); // warm-up: JIT and connections
        for (var run = 1; run <= 3; run++)
        {
            ScorecardReport? scorecard = null;
            var (ms, heap, workingSet) = await MeasureAsync(async () => scorecard = await reports.GetScorecardAsync(quarter));
            results.Add($"quarterly scorecard, run {run} ({scorecard!.Lines.Count} departments)", scorecard.Lines.Sum(l => (long)l.Counts.SignInsDue), ms, heap, workingSet, $"#1 {scorecard.Lines[0].DepartmentId} ({scorecard.Lines[0].Score.Score})");
        }

        {
            MedalReport? medals = null;
            var (ms, heap, workingSet) = await MeasureAsync(async () => medals = await reports.GetMedalTableAsync(quarter));
            results.Add("quarterly medal table", medals!.Medals.Awards.Count, ms, heap, workingSet, $"{medals.Medals.Tally[0].DepartmentId}: {medals.Medals.Tally[0].Gold} gold");
        }

        {
            LedgerPage? page = null;
            var query = new LedgerQuery(quarter) { DepartmentId = "dept07", Status = TicketStatus.Closed };
            var (ms, heap, workingSet) = await MeasureAsync(async () => page = await reports.QueryLedgerAsync(query, 50));
            results.Add("ledger page: dept07 + closed, 50 rows", page!.Items.Count, ms, heap, workingSet, "");
        }

        var labels = new LedgerLabels(directory, chinese: true);
        foreach (var (name, write) in new (string, Func<Stream, IAsyncEnumerable<LedgerLine>, LedgerLabels, CancellationToken, Task<long>>)[]
        {
            ("export CSV (quarter, all rows)", LedgerCsvExport.WriteAsync),
            ("export XLSX (quarter, all rows)", LedgerXlsxExport.WriteAsync),
        })
        {
            var sink = new CountingStream();
            long rows = 0;
            var (ms, heap, workingSet) = await MeasureAsync(async () => rows = await write(sink, reports.StreamLedgerAsync(new LedgerQuery(quarter)), labels, default));
            results.Add(name, rows, ms, heap, workingSet, $"{sink.Length / 1024.0 / 1024.0:N1} MiB");
            Console.WriteLine($"  {name}: {ms:N0} ms");
        }

        Console.WriteLine();
        Console.WriteLine($"Reports on Azurite 3.37, {Environment.ProcessorCount} cores shared by the client and Azurite (and, when measured, other work on the machine):");
        Console.WriteLine();
        Console.Write(results);
        return 0;
    }

    private static IEnumerable<(TicketRecord, IReadOnlyList<TicketEvent>)> Generate(DecisionContext context, DirectorySnapshot directory, int count)
    {
        var generator = new TicketHistoryGenerator(context, seed: 20260101, enterprises: 1000);
        var random = new Random(20260101);
        var first = new DateTimeOffset(2026, 1, 5, 8, 30, 0, TimeSpan.FromHours(8));
        var span = directory.Calendar.WorkingTimeBetween(first, new DateTimeOffset(2026, 3, 31, 17, 30, 0, TimeSpan.FromHours(8)));
        var horizon = new DateTimeOffset(2026, 4, 15, 10, 0, 0, TimeSpan.FromHours(8));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var received = directory.Calendar.AddWorkingTime(first, TimeSpan.FromMinutes(random.NextDouble() * span.TotalMinutes)).At;
            var ticket = generator.Generate(i + 1, received, horizon);
            if ((i + 1) % 10_000 == 0)
            {
                Console.WriteLine($"  {i + 1:N0} tickets generated and queued ({clock.Elapsed.TotalSeconds:N0} s)");
            }

            yield return (new TicketRecord(ticket.State, "bench", ticket.State.SubmittedAt ?? default, ticket.UpdatedAt, ""), ticket.Events);
        }
    }

    /// <summary>Time of one run, with the GC heap and the working set sampled every 5 ms while it runs (peak, MiB).</summary>
    private static async Task<(double Ms, string Heap, string WorkingSet)> MeasureAsync(Func<Task> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        long peakHeap = GC.GetTotalMemory(false), peakWorkingSet = process.WorkingSet64;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                try
                {
                    await Task.Delay(5, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var clock = Stopwatch.StartNew();
        await run();
        clock.Stop();
        await stop.CancelAsync();
        await sampler;
        return (clock.Elapsed.TotalMilliseconds, Mib(peakHeap), Mib(peakWorkingSet));
    }

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>30 departments, a head and three officers each, a supervisor, routing by topic (and district in two districts) across all of them.</summary>
    private static DirectorySeed Seed()
    {
        var departments = Enumerable.Range(1, Departments).Select(i => new Department($"dept{i:D2}", $"第{i}局")).ToList();
        departments.Add(new Department("hq-office", "指挥部办公室", IsHqOffice: true));
        var staff = new List<DirectorySeedUser> { new("supervisor.1", "督查员", null, [StaffRole.Supervisor]) };
        foreach (var department in departments.Take(Departments))
        {
            staff.Add(new($"head.{department.Id}", $"{department.Name}负责人", department.Id, [StaffRole.DepartmentHead]));
            staff.AddRange(Enumerable.Range(1, 3).Select(n => new DirectorySeedUser($"officer.{department.Id}.{n}", $"{department.Name}联络员{n}", department.Id, [StaffRole.LiaisonOfficer])));
        }

        string[] districts = ["城关区", "高新区", "经开区", "临港区"];
        var topics = DefaultPolicies.Topics.Where(t => t.Code != RoutingTable.ManualTopic).ToList();
        var rules = new List<RoutingRule>();
        var next = 0;
        foreach (var topic in topics)
        {
            rules.Add(new RoutingRule($"r-{topic.Code}", topic.Code, departments[next++ % Departments].Id, ValueList.Empty<string>()));
            // Two of the four districts have their own lead department: every department gets its share.
            foreach (var district in districts.Take(2))
            {
                rules.Add(new RoutingRule($"r-{topic.Code}-{district}", topic.Code, departments[next++ % Departments].Id, ValueList.Empty<string>(), district));
            }
        }

        return new DirectorySeed(departments, staff, topics, districts, rules);
    }

    /// <summary>Counts what an export writes and keeps none of it: the export is measured, not a disk or a network.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
