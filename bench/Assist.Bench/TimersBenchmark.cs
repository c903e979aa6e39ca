using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Assist.Bench.Harness;
using Assist.Domain.Tickets;
using Assist.Functions.Lifecycle;
using Azure.Data.Tables;

namespace Assist.Bench;

/// <summary>
/// Timers: --tickets (default 1,000) tickets whose reminders fall due at one instant, fired by real durable timers (no
/// clock jump, no wake-up). The app's development clock starts --lead-seconds before 24:00 at the end of a working
/// Tuesday, and urgent tickets are submitted: an urgent ticket is due the same working day, which for one received after
/// office hours ends at 24:00, when its yellow card falls due; no office hours are left in its window, so it has no blue
/// reminder, and its sign-in deadline is the next morning. Each ticket's first look waits (24:00 − its look, app clock)
/// on the engine's own clock, and the app clock is the real one plus a fixed offset: every timer falls due together.
/// Measured from the ledger: when each EscalationRaised (the yellow card) was recorded, minus 24:00, both on the app
/// clock. Beside it, first and on the same Azurite, the bare engine: as many instances whose first no-op look waits until
/// one shared instant --lead-seconds after scheduling began, and whose next look records its lateness.
/// </summary>
internal static class TimersBenchmark
{
    /// <summary>24:00 at the end of Tuesday 2026-03-10, China time: no holiday near.</summary>
    private static readonly DateTimeOffset DueAt = new(2026, 3, 11, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = CommandOptions.Int(args, "--tickets", 1_000);
        var clients = CommandOptions.Int(args, "--clients", 16);
        // Every ticket must be submitted, scheduled and looked at before its timer is due: that took up to about 0.15 s a
        // ticket here (processing); twice that, and a minute.
        var lead = TimeSpan.FromSeconds(CommandOptions.Int(args, "--lead-seconds", 60 + (int)(count * 0.3)));
        var settings = CommandOptions.Settings(args);
        var cancellationToken = ChildProcesses.Cancellation.Token;
        Console.WriteLine($"## Timers: {count:N0} tickets due at the same instant, {lead.TotalSeconds:N0} s after they are submitted, beside the bare engine");
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken, inMemory: true);

        var bare = await BareAsync(azurite.ConnectionString, settings, count, lead, cancellationToken);
        Console.WriteLine($"  bare engine: {bare.Lateness.Count:N0} of {count:N0} timers fired; first looks done {bare.Margin.TotalSeconds:N0} s before the due instant");
        var assist = await AssistAsync(azurite.ConnectionString, settings, count, clients, lead, cancellationToken);
        Console.WriteLine($"  Assist: {assist.Lateness.Count:N0} of {assist.Expected:N0} reminders recorded; first looks done {assist.Margin.TotalSeconds:N0} s before the due instant");

        var table = new ResultTable("Side", "Due at once", "Fired / recorded", "All recorded after (s)", "Lateness p50 (s)", "p95 (s)", "max (s)");
        table.Add("Bare engine (timer, no-op look)", count, bare.Lateness.Count, Sec(Last(bare.Lateness)), Sec(Stats.Percentile(bare.Lateness, 50)), Sec(Stats.Percentile(bare.Lateness, 95)), Sec(Last(bare.Lateness)));
        table.Add("Assist (yellow card recorded)", assist.Expected, assist.Lateness.Count, Sec(Last(assist.Lateness)), Sec(Stats.Percentile(assist.Lateness, 50)), Sec(Stats.Percentile(assist.Lateness, 95)), Sec(Last(assist.Lateness)));
        Console.WriteLine();
        Console.Write(table);
        Console.WriteLine();
        Console.WriteLine($"Assist / bare engine: all recorded after {Stats.Ratio(Last(assist.Lateness) / Last(bare.Lateness))}×, lateness p95 {Stats.Ratio(Stats.Percentile(assist.Lateness, 95) / Stats.Percentile(bare.Lateness, 95))}×.");
        Console.WriteLine("Lateness = when the look that fired the timer ran (Assist: the reminder event's time, app clock) minus the due instant. It includes");
        Console.WriteLine("the provider's wait for a due timer message: an idle control queue is polled at most every maxQueuePollingInterval (host.json,");
        Console.WriteLine("30 s by default), on both sides. Timers created during the lead are real durable timers; nothing wakes the orchestrations.");
        foreach (var (side, margin) in new[] { ("bare engine", bare.Margin), ("Assist", assist.Margin) })
        {
            if (margin <= TimeSpan.Zero)
            {
                Console.WriteLine($"WARNING: the {side}'s first looks were not all done before the due instant: raise --lead-seconds.");
            }
        }

        Console.WriteLine();
        return bare.Lateness.Count >= count && assist.Lateness.Count >= assist.Expected ? 0 : 1;
    }

    private static async Task<(List<double> Lateness, TimeSpan Margin)> BareAsync(string connectionString, Dictionary<string, string> settings, int count, TimeSpan lead, CancellationToken cancellationToken)
    {
        var dueAt = DateTimeOffset.UtcNow + lead;
        var looks = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var lateness = new ConcurrentBag<double>();
        await using var engine = await BareEngine.StartAsync(
            connectionString,
            BareEngine.Settings(settings),
            instance =>
            {
                var now = DateTimeOffset.UtcNow;
                if (looks.AddOrUpdate(instance, 1, (_, n) => n + 1) == 1)
                {
                    return BareEngine.Step(instance, dueAt > now ? dueAt - now : TimeSpan.Zero);
                }

                lateness.Add((now - dueAt).TotalSeconds);
                return BareEngine.Step(instance, TicketActivities.LongestWait);
            },
            configureClients: null,
            cancellationToken);

        await engine.StartInstancesAsync(Enumerable.Range(1, count).Select(n => "T" + n.ToString("D7", CultureInfo.InvariantCulture)), cancellationToken);
        await Poll.UntilAsync(() => looks.Count >= count, Limit, "the bare engine's first looks", cancellationToken);
        var margin = dueAt - DateTimeOffset.UtcNow;
        await Poll.UntilAsync(() => lateness.Count >= count, lead + Limit, "the bare engine's timers", cancellationToken);
        return (Stats.Sorted(lateness), margin);
    }

    private static async Task<(int Expected, List<double> Lateness, TimeSpan Margin)> AssistAsync(
        string connectionString, Dictionary<string, string> settings, int count, int clients, TimeSpan lead, CancellationToken cancellationToken)
    {
        using var http = ApiClient.Create();
        var appSettings = new Dictionary<string, string>(settings, StringComparer.Ordinal)
        {
            ["DevClock__Start"] = (DueAt - lead).ToString("O", CultureInfo.InvariantCulture),
        };
        await using var app = new AppProcess("timers", connectionString, appSettings);
        await app.StartAsync(http, cancellationToken);
        Console.WriteLine($"  app pid {app.Pid} on {app.BaseAddress} (log {app.LogPath}); its clock started at {DueAt - lead:HH:mm:ss}, the tickets are due at {DueAt:HH:mm} (+08:00)");
        using var storage = new Engine(connectionString, TimeProvider.System);
        var backlog = new Backlog(http, app.BaseAddress, await ApiClient.TokenAsync(http, app.BaseAddress, "admin", cancellationToken), storage);

        // The first ticket alone, timed: its submittedAt (app clock) against real time gives the app clock's offset.
        var before = DateTimeOffset.UtcNow;
        var first = await SubmissionBurst.SendAsync(http, app.BaseAddress, 1, 1, 1, urgent: true, cancellationToken);
        if (first.Created.Count == 0)
        {
            throw new InvalidOperationException($"The first submission failed; see {app.LogPath}.");
        }

        var offset = SubmittedAt(first.Created[0]) - (before + (DateTimeOffset.UtcNow - before) / 2);
        var rest = await SubmissionBurst.SendAsync(http, app.BaseAddress, 2, count - 1, clients, urgent: true, cancellationToken);
        var created = first.Created.Concat(rest.Created).ToList();
        await backlog.SettledAsync(cancellationToken);

        // Each ticket's clocks start when its orchestration routes it (moments after the 201): read them from storage.
        var expected = 0;
        foreach (var ticket in created)
        {
            var record = await storage.Service.GetAsync(ticket.GetProperty("number").GetString()!, cancellationToken);
            expected += record?.State.Clock?.Due.At == DueAt ? 1 : 0;
        }

        if (expected < created.Count || created.Count < count)
        {
            Console.WriteLine($"WARNING: {count - created.Count} submissions failed and {created.Count - expected} tickets are due at another instant than {DueAt:O}.");
        }

        var margin = DueAt - (DateTimeOffset.UtcNow + offset);
        Console.WriteLine($"  {created.Count:N0} tickets submitted and looked at; waiting {Math.Max(0, margin.TotalSeconds):N0} s for the due instant, then for the reminders…");
        var dueReal = DueAt - offset;
        if (dueReal > DateTimeOffset.UtcNow)
        {
            await Task.Delay(dueReal - DateTimeOffset.UtcNow, cancellationToken);
        }

        // The ledger is read every few seconds (a scan of the tickets table: cheap next to the work, and rare); lateness
        // comes from the events' own times, so the polling does not blur it.
        var filter = TableClient.CreateQueryFilter($"Type eq {nameof(EscalationRaised)}");
        var recorded = new List<double>();
        var clock = Stopwatch.StartNew();
        while (recorded.Count < expected && clock.Elapsed < Limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            recorded = [];
            await foreach (var row in storage.Storage.Tickets.QueryAsync<TableEntity>(filter, select: ["At"], cancellationToken: cancellationToken))
            {
                recorded.Add(((row.GetDateTimeOffset("At") ?? default) - DueAt).TotalSeconds);
            }

            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:N0} s after the due instant: {recorded.Count:N0} of {expected:N0} reminders recorded");
        }

        return (expected, Stats.Sorted(recorded), margin);
    }

    private static DateTimeOffset SubmittedAt(JsonElement ticket) => ticket.GetProperty("submittedAt").GetDateTimeOffset();

    private static double Last(List<double> sorted) => sorted.Count == 0 ? double.NaN : sorted[^1];

    private static string Sec(double seconds) => double.IsNaN(seconds) ? "–" : seconds.ToString("N1", CultureInfo.InvariantCulture);
}
