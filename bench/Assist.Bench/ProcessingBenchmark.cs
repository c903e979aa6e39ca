using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Assist.Bench.Harness;
using Assist.Functions.Lifecycle;

namespace Assist.Bench;

/// <summary>
/// Processing: a burst of --tickets (default 1,000) submissions from --clients (default 16) concurrent clients against
/// the app (a separate Release process), timed from the first POST until the app reports every one scheduled and
/// looked at — routed, assigned, on its officer's desk and its department's queue (GET /api/admin/lifecycle: no marker
/// pending, nothing queued, every first look done) — then checked once against storage (a view tracker per ticket).
/// Beside it, first and on the same Azurite, the bare engine: as many instances of the same orchestration with a no-op
/// look, scheduled <see cref="BareEngine.ScheduleConcurrency"/> at a time as the app schedules them, timed until every
/// first look has run. Each side first runs --warmup (default 20) items. Goal: tickets/s ≥ 0.6 × instances/s.
/// </summary>
internal static class ProcessingBenchmark
{
    /// <summary>A working Tuesday morning, China time: every topic routes and assigns at once.</summary>
    private static readonly DateTimeOffset AppStart = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = CommandOptions.Int(args, "--tickets", 1_000);
        var clients = CommandOptions.Int(args, "--clients", 16);
        var warmup = CommandOptions.Int(args, "--warmup", 20);
        var settings = CommandOptions.Settings(args);
        var cancellationToken = ChildProcesses.Cancellation.Token;
        Console.WriteLine($"## Processing: a burst of {count:N0} submissions until routed, assigned and projected, beside the bare engine");
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken, inMemory: true);

        // One after the other on one Azurite (one Node thread): the bare engine first, so whatever Azurite keeps from
        // it weighs on Assist, not the other way round.
        var bare = await BareAsync(azurite.ConnectionString, settings, count, warmup, cancellationToken);
        Console.WriteLine($"  bare engine: {count:N0} instances scheduled in {bare.Scheduled.TotalSeconds:N1} s, every first look done after {bare.Done.TotalSeconds:N1} s");
        var assist = await AssistAsync(azurite.ConnectionString, settings, count, clients, warmup, cancellationToken);
        Console.WriteLine($"  Assist: {assist.Burst.Created.Count:N0} tickets answered in {assist.Burst.Elapsed.TotalSeconds:N1} s ({assist.Burst.Failures} errors), every one looked at after {assist.Done.TotalSeconds:N1} s");

        var bareRate = count / bare.Done.TotalSeconds;
        var assistRate = assist.Burst.Created.Count / assist.Done.TotalSeconds;
        var table = new ResultTable("Side", "Items", "Answered / scheduled in (s)", "Every first look done after (s)", "Per second", "Per-item p50 / p95 (ms)");
        table.Add("Bare engine (no-op look)", $"{count:N0} instances", Sec(bare.Scheduled), Sec(bare.Done), Rate(bareRate), "–");
        table.Add("Assist (POST → routed, assigned, projected)", $"{assist.Burst.Created.Count:N0} tickets, {assist.Burst.Failures} errors", Sec(assist.Burst.Elapsed), Sec(assist.Done), Rate(assistRate), $"201: {assist.Burst.Percentiles}");
        Console.WriteLine();
        Console.Write(table);
        Console.WriteLine();
        Console.WriteLine($"Assist / bare engine: {Stats.Ratio(assistRate / bareRate)} (goal ≥ 0.6). Assist's 201 → scheduled p50/p95: {Stats.Ms(assist.Reading.ScheduleDelayP50Ms ?? double.NaN)} / {Stats.Ms(assist.Reading.ScheduleDelayP95Ms ?? double.NaN)} ms (warm-up included); activity failures {assist.Reading.ActivityFailures}.");
        if (assist.StorageLag > TimeSpan.Zero)
        {
            Console.WriteLine($"WARNING: storage showed every ticket projected only {assist.StorageLag.TotalSeconds:N1} s after the app reported it (a look failed and was retried?).");
        }

        Console.WriteLine($"(Both sides on one Azurite, bare engine first, with the app's engine settings (host.json{(settings.Count > 0 ? " and --set" : "")}); {clients} clients submit;");
        Console.WriteLine(" the app schedules after each 201 (held while intake is a burst). A ticket's route activity routes and assigns it by the");
        Console.WriteLine(" rules and projects it (desk, department queue, counters, ledger, inbox); its first look finds its first timer. The bare");
        Console.WriteLine(" engine runs the same orchestration with both activities doing nothing.)");
        Console.WriteLine();
        return assist.Burst.Failures == 0 ? 0 : 1;
    }

    private static async Task<(TimeSpan Scheduled, TimeSpan Done)> BareAsync(string connectionString, Dictionary<string, string> settings, int count, int warmup, CancellationToken cancellationToken)
    {
        var looked = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await using var engine = await BareEngine.StartAsync(
            connectionString,
            BareEngine.Settings(settings),
            instance =>
            {
                looked.TryAdd(instance, true);
                return BareEngine.Step(instance, TicketActivities.LongestWait);
            },
            configureClients: null,
            cancellationToken);

        await engine.StartInstancesAsync(Instances("W", warmup), cancellationToken);
        await Poll.UntilAsync(() => looked.Count >= warmup, Limit, "the bare engine's warm-up", cancellationToken);
        var clock = Stopwatch.StartNew();
        await engine.StartInstancesAsync(Instances("B", count), cancellationToken);
        var scheduled = clock.Elapsed;
        await Poll.UntilAsync(() => looked.Count >= warmup + count, Limit, "the bare engine's first looks", cancellationToken);
        return (scheduled, clock.Elapsed);
    }

    private static async Task<(SubmissionBurst.Result Burst, TimeSpan Done, TimeSpan StorageLag, LifecycleReading Reading)> AssistAsync(
        string connectionString, Dictionary<string, string> settings, int count, int clients, int warmup, CancellationToken cancellationToken)
    {
        using var http = ApiClient.Create();
        var appSettings = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        appSettings.TryAdd("DevClock__Start", AppStart.ToString("O", CultureInfo.InvariantCulture));
        await using var app = new AppProcess("processing", connectionString, appSettings);
        await app.StartAsync(http, cancellationToken);
        Console.WriteLine($"  app pid {app.Pid} on {app.BaseAddress} (log {app.LogPath})");
        using var storage = new Engine(connectionString, TimeProvider.System);
        var backlog = new Backlog(http, app.BaseAddress, await ApiClient.TokenAsync(http, app.BaseAddress, "admin", cancellationToken), storage);

        var warm = await SubmissionBurst.SendAsync(http, app.BaseAddress, 1, warmup, clients, urgent: false, cancellationToken);
        await backlog.DrainAsync(warm.Created.Count, cancellationToken);
        var clock = Stopwatch.StartNew();
        var burst = await SubmissionBurst.SendAsync(http, app.BaseAddress, warmup + 1, count, clients, urgent: false, cancellationToken);
        await backlog.SettledAsync(cancellationToken);
        var done = clock.Elapsed;
        // Once, after the clock stopped: storage agrees (a tracker per ticket), or is waited for.
        var lag = await backlog.DrainAsync(warm.Created.Count + burst.Created.Count, cancellationToken);
        return (burst, done, lag > TimeSpan.FromSeconds(1) ? lag : TimeSpan.Zero, await backlog.ReadAsync(cancellationToken));
    }

    private static IEnumerable<string> Instances(string prefix, int count) =>
        Enumerable.Range(1, count).Select(n => prefix + n.ToString("D7", CultureInfo.InvariantCulture));

    private static string Sec(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture);

    private static string Rate(double perSecond) => perSecond.ToString("N1", CultureInfo.InvariantCulture);
}
