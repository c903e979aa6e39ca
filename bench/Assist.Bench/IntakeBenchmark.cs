using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Assist.Bench.Harness;
using Assist.Storage.Workflow;
using Azure.Data.Tables;

namespace Assist.Bench;

/// <summary>
/// Intake: <c>POST /api/tickets</c> (JSON, no file) at 1, 16 and 64 concurrent clients against the app (a separate
/// Release process on its own Azurite), beside the raw ceiling measured in the same run: the storage client alone
/// doing the minimum a ticket needs — one entity-group transaction (head + the submit's events) per ticket, on a
/// second private Azurite. Prints tickets/s, p50/p95/p99, app/ceiling, the time from a 201 to its orchestration being
/// scheduled (the app's own p50/p95) and the app's peak RSS (VmHWM).
/// </summary>
internal static class IntakeBenchmark
{
    private static readonly int[] DefaultLevels = [1, 16, 64];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = CommandOptions.Int(args, "--seconds", 10);
        // --levels 64 measures one level on its own (experiments); the report is 1, 16 and 64 in one run.
        var levels = CommandOptions.Ints(args, "--levels", DefaultLevels);
        var cancellationToken = ChildProcesses.Cancellation.Token;
        Console.WriteLine($"## Intake: POST /api/tickets vs one batch per ticket ({seconds} s per level, after a warm-up)");
        using var http = ApiClient.Create();

        await using var ceilingStorage = await BenchAzurite.StartAsync(cancellationToken, inMemory: true);
        await using var appStorage = await BenchAzurite.StartAsync(cancellationToken, inMemory: true);
        using var engine = new Engine(ceilingStorage.ConnectionString, TimeProvider.System);
        var directory = await engine.InitializeAsync(cancellationToken);
        var seeder = new TicketSeeder(engine.Storage, directory);
        var table = engine.Clients.Tables.GetTableClient("CeilingTickets");
        await table.CreateIfNotExistsAsync(cancellationToken);

        // Extra app settings for experiments (--set KEY=VALUE).
        var settings = CommandOptions.Settings(args);
        await using var app = new AppProcess("intake", appStorage.ConnectionString, settings);
        await app.StartAsync(http, cancellationToken);
        // Between levels the app drains: every submission scheduled and looked at (GET /api/admin/lifecycle).
        using var appEngine = new Engine(appStorage.ConnectionString, TimeProvider.System);
        var admin = await ApiClient.TokenAsync(http, app.BaseAddress, "admin", cancellationToken);
        var backlog = new Backlog(http, app.BaseAddress, admin, appEngine);
        Console.WriteLine($"  app pid {app.Pid} on {app.BaseAddress} (log {app.LogPath})");

        var next = 0;
        var now = DateTimeOffset.UtcNow;
        var lockSeeder = new SemaphoreSlim(1, 1);
        Func<CancellationToken, Task<bool>> ceiling = async token =>
        {
            // The decider is pure but the seeder's round-robin bookkeeping is not thread-safe: decide under a lock, write outside it.
            SeededTicket ticket;
            await lockSeeder.WaitAsync(token);
            try
            {
                var n = ++next;
                // Numbered as the app numbers tickets (date and six random characters): the ceiling writes the keys the
                // app writes. Sequential numbers would append to Azurite's sorted key indexes where the app's land
                // anywhere in today's range (and on Azure would make every insert hit the last partition range).
                ticket = seeder.Submit(n, now, ApiClient.Topics[n % ApiClient.Topics.Length], staysOpen: false, TicketService.DrawNumber(now), routed: false);
            }
            finally
            {
                lockSeeder.Release();
            }

            var number = ticket.State.TicketNumber;
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, TicketRows.Head(ticket.State, "hash", now, now, ticket.Entries[^1].Hash, null)) };
            actions.AddRange(ticket.Entries.Select((e, i) => new TableTransactionAction(TableTransactionActionType.Add, TicketRows.Event(number, e, ticket.Events[i]))));
            await table.SubmitTransactionAsync(actions, token);
            return true;
        };

        var submitted = 0;
        var created = 0;
        Func<CancellationToken, Task<bool>> submit = async token =>
        {
            var n = Interlocked.Increment(ref submitted);
            using var response = await http.PostAsync(new Uri(app.BaseAddress, "api/tickets"), ApiClient.Json(ApiClient.SubmissionJson(n)), token);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            Interlocked.Increment(ref created);
            return true;
        };

        // Warm-up: JIT, connections, Azurite's tables.
        await LoadAsync(ceiling, 16, TimeSpan.FromSeconds(2), cancellationToken);
        await LoadAsync(submit, 16, TimeSpan.FromSeconds(3), cancellationToken);
        await backlog.DrainAsync(created, cancellationToken);

        var results = new ResultTable("Clients", "Ceiling tickets/s", "Ceiling p50/p95/p99 (ms)", "App tickets/s", "App p50/p95/p99 (ms)", "App errors", "App / ceiling", "Not yet looked at, at end", "Drained in (s)", "Sustained tickets/s", "201 → scheduled p50/p95 (ms), run so far");
        var ratios = new List<double>();
        foreach (var clients in levels)
        {
            var c = await LoadAsync(ceiling, clients, TimeSpan.FromSeconds(seconds), cancellationToken);
            var a = await LoadAsync(submit, clients, TimeSpan.FromSeconds(seconds), cancellationToken);
            // Submissions are scheduled, routed and projected after the answer: wait until the app has caught up before
            // the next measurement, so its background work neither hides in this figure nor slows the next ceiling.
            var left = (await backlog.ReadAsync(cancellationToken)).AwaitedHere;
            var drained = await backlog.DrainAsync(created, cancellationToken);
            var delays = await backlog.ReadAsync(cancellationToken);
            var ratio = a.PerSecond / c.PerSecond;
            var sustained = a.Succeeded / (a.Seconds + drained.TotalSeconds);
            ratios.Add(ratio);
            results.Add(
                clients,
                c.PerSecond.ToString("N0", CultureInfo.InvariantCulture),
                c.Percentiles,
                a.PerSecond.ToString("N0", CultureInfo.InvariantCulture),
                a.Percentiles,
                a.Failures,
                Stats.Ratio(ratio),
                left,
                drained.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture),
                sustained.ToString("N0", CultureInfo.InvariantCulture),
                ScheduleDelays(delays));
            Console.WriteLine($"  {clients} clients: ceiling {c.PerSecond:N0}/s, app {a.PerSecond:N0}/s ({a.Failures} errors), {left} not yet looked at, drained in {drained.TotalSeconds:N1} s");
        }

        var peak = app.PeakRssBytes();
        var overall = await backlog.ReadAsync(cancellationToken);
        Console.WriteLine();
        Console.Write(results);
        Console.WriteLine();
        Console.WriteLine($"App / ceiling: {string.Join(" · ", levels.Select((l, i) => $"{l} → {Stats.Ratio(ratios[i])}"))} (goal ≥ 0.5)");
        Console.WriteLine($"Time from a 201 to its orchestration being scheduled, whole run (warm-up and every level): p50/p95 {ScheduleDelays(overall)} ms; activity failures {overall.ActivityFailures}.");
        Console.WriteLine("(A 201 means committed: events and head, with the scheduling marker written ahead. The orchestration is scheduled after the");
        Console.WriteLine(" answer; desks, counters and inboxes follow from its first look. \"Sustained\" counts the level's tickets over its time plus the");
        Console.WriteLine(" time until every one of them is scheduled and looked at. The 201 → scheduled figures are the app's, cumulative over the run.)");
        Console.WriteLine($"App peak RSS during the intake run (VmHWM of pid {app.Pid}): {Stats.MiB(peak)}");
        Console.WriteLine();
        return 0;
    }

    private static string ScheduleDelays(LifecycleReading reading) =>
        $"{Stats.Ms(reading.ScheduleDelayP50Ms ?? double.NaN)} / {Stats.Ms(reading.ScheduleDelayP95Ms ?? double.NaN)}";

    internal sealed record LoadResult(int Succeeded, int Failures, double Seconds, List<double> Latencies)
    {
        public double PerSecond => Succeeded / Seconds;

        public string Percentiles => $"{Stats.Ms(Stats.Percentile(Latencies, 50))} / {Stats.Ms(Stats.Percentile(Latencies, 95))} / {Stats.Ms(Stats.Percentile(Latencies, 99))}";
    }

    /// <summary>Closed loop: <paramref name="clients"/> workers each send the next request when the last is answered, for <paramref name="duration"/>.</summary>
    internal static async Task<LoadResult> LoadAsync(Func<CancellationToken, Task<bool>> operation, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var succeeded = 0;
        var clock = Stopwatch.StartNew();
        async Task WorkerAsync()
        {
            // Bounded in time and in count.
            for (var i = 0; i < 1_000_000 && clock.Elapsed < duration; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(cancellationToken);
                }
                catch (Exception exception) when (exception is HttpRequestException or Azure.RequestFailedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    ok = false;
                }

                if (ok)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref succeeded);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        clock.Stop();
        return new LoadResult(succeeded, failures, clock.Elapsed.TotalSeconds, Stats.Sorted(latencies));
    }
}
