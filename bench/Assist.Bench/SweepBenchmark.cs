using System.Diagnostics;
using System.Globalization;
using Assist.Bench.Harness;
using Assist.Domain.Tickets;
using Azure.Data.Tables;

namespace Assist.Bench;

/// <summary>
/// Timer sweep: N tickets (default 10,000) whose sign-in deadlines pass at the same instant. The tickets are seeded in
/// the engine's layout (head + events, views, view trackers, due-index rows in one minute bucket), then the app starts
/// with its development clock just before that instant and its own scheduler (SweepTimers every 30 s) does the work.
/// Measured from the rows: time until every reminder (EscalationRaised, sign-in overdue → department head) is recorded,
/// and the lateness distribution (recorded-at minus due-at, both on the app's clock).
/// </summary>
internal static class SweepBenchmark
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = CommandOptions.Int(args, "--tickets", 10_000);
        var cancellationToken = ChildProcesses.Cancellation.Token;
        Console.WriteLine($"## Timer sweep: {count:N0} tickets whose sign-in deadline passes at once");
        using var http = ApiClient.Create();
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken, inMemory: true);
        using var engine = new Engine(azurite.ConnectionString, TimeProvider.System);
        var directory = await engine.InitializeAsync(cancellationToken);
        var seeder = new TicketSeeder(engine.Storage, directory);

        var seeding = Stopwatch.StartNew();
        var tickets = Enumerable.Range(1, count).Select(n => seeder.Submit(n, Submitted, ApiClient.Topics[n % ApiClient.Topics.Length])).ToList();
        // Co-handling departments have their own sign-in deadline: one reminder per department.
        var signIns = tickets.SelectMany(t => TicketDecider.Timers(t.State).Where(timer => timer.Kind == TimerKind.SignInDue)).ToList();
        var expected = signIns.Count;
        var dues = signIns.Select(timer => timer.DueAt).Distinct().ToList();
        if (dues.Count != 1)
        {
            throw new InvalidOperationException("The seeded tickets' sign-in deadlines differ.");
        }

        var dueAt = dues[0];
        await seeder.WriteTicketsAsync(tickets, 32, cancellationToken);
        await seeder.WriteProjectionsAsync(tickets, 32, cancellationToken);
        Console.WriteLine($"  seeded {count:N0} tickets in {seeding.Elapsed.TotalSeconds:N0} s; every sign-in timer is due at {dueAt:O}");

        // The app's clock starts a few seconds before the deadline; its scheduler sweeps at :00 and :30 of that clock.
        await using var app = new AppProcess("sweep", azurite.ConnectionString, new Dictionary<string, string>
        {
            ["DevClock__Start"] = (dueAt - TimeSpan.FromSeconds(8)).ToString("O", CultureInfo.InvariantCulture),
        });
        var wall = Stopwatch.StartNew();
        await app.StartAsync(http, cancellationToken);
        Console.WriteLine($"  app pid {app.Pid} started in {wall.Elapsed.TotalSeconds:N1} s (log {app.LogPath}); waiting for the reminders…");

        var filter = TableClient.CreateQueryFilter($"Type eq {nameof(EscalationRaised)}");
        List<DateTimeOffset> recorded = [];
        while (wall.Elapsed < Limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            recorded = [];
            await foreach (var row in engine.Storage.Tickets.QueryAsync<TableEntity>(filter, select: ["At"], cancellationToken: cancellationToken))
            {
                recorded.Add(row.GetDateTimeOffset("At") ?? default);
            }

            Console.WriteLine($"  {wall.Elapsed.TotalSeconds,5:N0} s: {recorded.Count:N0} of {expected:N0} reminders recorded");
            if (recorded.Count >= expected)
            {
                break;
            }
        }

        var lateness = Stats.Sorted(recorded.Select(at => (at - dueAt).TotalSeconds));
        var table = new ResultTable("Tickets due at once", "Reminders expected / recorded", "All recorded after (s)", "Lateness p50 (s)", "p95 (s)", "max (s)", "Reminders/s while sweeping");
        var span = recorded.Count > 1 ? (recorded.Max() - recorded.Min()).TotalSeconds : double.NaN;
        table.Add(count, $"{expected:N0} / {recorded.Count:N0}", Sec(lateness.LastOrDefault()), Sec(Stats.Percentile(lateness, 50)), Sec(Stats.Percentile(lateness, 95)), Sec(lateness.LastOrDefault()),
            double.IsNaN(span) || span <= 0 ? "–" : (recorded.Count / span).ToString("N0", CultureInfo.InvariantCulture));
        Console.WriteLine();
        Console.Write(table);
        Console.WriteLine();
        Console.WriteLine("Lateness = the reminder event's recorded time minus the deadline, on the app's clock; it includes up to one sweep interval (30 s)");
        Console.WriteLine("before the first sweep and the wait of each ticket for its turn in the sweep (Workflow__SweepConcurrency tickets at a time).");
        Console.WriteLine();
        return recorded.Count >= expected ? 0 : 1;
    }

    private static string Sec(double seconds) => seconds.ToString("N1", CultureInfo.InvariantCulture);
}
