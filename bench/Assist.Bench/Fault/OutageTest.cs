using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Bench.Harness;

namespace Assist.Bench.Fault;

/// <summary>
/// Storage stops for 10 s under load (Azurite gets SIGTERM and saves, then is restarted on the same ports): while it is
/// down the app must answer 503 problem+json (never 500), and afterwards serve 201s again without being restarted.
/// Two seconds before the stop every orchestration is woken with a timer due (the development clock moves 40 hours
/// on), so looks are under way when storage goes. The engine must recover by itself: activities that failed
/// meanwhile are retried, and submissions whose
/// scheduling failed are taken up by the repair sweep once their 2-minute grace is past (the development clock is moved
/// 5 minutes on for that, which also wakes every orchestration). Every ticket acknowledged before, during or after
/// must be in storage, with its orchestration having looked at it after the outage; /healthz must be healthy again,
/// or degraded by the activity failures of the outage while everything else is recovered.
/// </summary>
internal static class OutageTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Past the scheduling markers' 2-minute grace, so the repair sweep (every 30 s) takes up what the outage left.</summary>
    private static readonly TimeSpan PastGrace = TimeSpan.FromMinutes(5);

    /// <summary>After the outage: activities in retry back-off (5, 10, 20 s …), then a look per ticket.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(3);

    /// <param name="rate">Submissions per second the eight submitters keep to: requests keep being sent while storage is down, and the tickets left to verify stay bounded.</param>
    public static async Task RunAsync(FaultReport report, int rate, CancellationToken cancellationToken)
    {
        Console.WriteLine("## 2. Storage stopped for 10 s mid-load");
        using var http = ApiClient.Create(FaultEngine.ClientTimeout);
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken);
        await using var app = new AppProcess("fault-outage", azurite.ConnectionString, FaultEngine.Settings(Start));
        await app.StartAsync(http, cancellationToken);
        var pid = app.Pid;
        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var phase = "before";
        var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var recoveredAfter = TimeSpan.Zero;
        var total = TimeSpan.FromSeconds(40);

        async Task SubmitterAsync(int worker)
        {
            var interval = TimeSpan.FromSeconds(8.0 / Math.Max(1, rate));
            for (var i = 0; i < 100_000 && clock.Elapsed < total; i++)
            {
                var started = clock.Elapsed;
                report.Add("requests");
                var current = Volatile.Read(ref phase);
                try
                {
                    using var response = await http.PostAsync(new Uri(app.BaseAddress, "api/tickets"), ApiClient.Json(ApiClient.SubmissionJson((worker * 100_000) + i)), cancellationToken);
                    var code = (int)response.StatusCode;
                    var answeredIn = Volatile.Read(ref phase);
                    statuses.AddOrUpdate($"sent {current}, answered {answeredIn}: {code}", 1, (_, v) => v + 1);
                    current = current == "down" && answeredIn == "down" ? "down" : current == "down" ? "down→up" : current;
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                        acknowledged[body.GetProperty("number").GetString()!] = body.GetProperty("version").GetInt32();
                        report.Add("tickets acknowledged (201)");
                        if (current == "after" && recoveredAfter == TimeSpan.Zero)
                        {
                            recoveredAfter = clock.Elapsed;
                        }
                    }
                    else if (response.StatusCode == HttpStatusCode.InternalServerError)
                    {
                        report.Fail("500 answers", $"outage ({current}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    }
                    else if (current == "down" && (code != 503 || response.Content.Headers.ContentType?.MediaType != "application/problem+json" || response.Headers.RetryAfter is null))
                    {
                        report.Fail("outage answers other than 503", $"{code} {response.Content.Headers.ContentType?.MediaType}");
                    }
                    else if (code == 503)
                    {
                        report.Add("503 during outage");
                    }
                }
                catch (HttpRequestException exception)
                {
                    report.Fail("outage answers other than 503", $"no answer from the app ({current}): {exception.Message}");
                    await Task.Delay(200, cancellationToken);
                }

                if (interval - (clock.Elapsed - started) is { Ticks: > 0 } rest)
                {
                    await Task.Delay(rest, cancellationToken);
                }
            }
        }

        async Task ProberAsync()
        {
            // /healthz probes storage without retries: it shows the outage as soon as it starts.
            for (var i = 0; i < 1_000 && clock.Elapsed < total; i++)
            {
                var current = Volatile.Read(ref phase);
                using var response = await http.GetAsync(new Uri(app.BaseAddress, "healthz"), cancellationToken);
                statuses.AddOrUpdate($"healthz {current}: {(int)response.StatusCode}", 1, (_, v) => v + 1);
                if (response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    report.Fail("500 answers", "healthz answered 500");
                }

                await Task.Delay(500, cancellationToken);
            }
        }

        async Task ClockMoverAsync()
        {
            // Just before the outage every orchestration is woken with a sign-in limit now due: its look commits a
            // timer's effect, so looks are in flight (and fail, and are retried) while storage is away.
            await Task.Delay(TimeSpan.FromSeconds(6), cancellationToken);
            var current = Volatile.Read(ref phase);
            report.Add("requests");
            try
            {
                using var response = await http.PostAsync(new Uri(app.BaseAddress, "api/dev/clock"), ApiClient.Json(JsonSerializer.Serialize(new { advance = "PT40H" })), cancellationToken);
                statuses.AddOrUpdate($"clock move sent {current}, answered {Volatile.Read(ref phase)}: {(int)response.StatusCode}", 1, (_, v) => v + 1);
                report.Add("clock moves");
                if (response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    report.Fail("500 answers", $"outage: the clock move answered 500: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
            catch (HttpRequestException exception)
            {
                report.Fail("outage answers other than 503", $"no answer to the clock move: {exception.Message}");
            }
        }

        async Task OperatorAsync()
        {
            await Task.Delay(TimeSpan.FromSeconds(8), cancellationToken);
            var stopped = Stopwatch.StartNew();
            await azurite.StopAsync();
            Volatile.Write(ref phase, "down");
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:N0} s: Azurite stopped (SIGTERM took {stopped.Elapsed.TotalSeconds:N1} s); down for 10 s");
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            Volatile.Write(ref phase, "restarting");
            await azurite.RestartAsync(cancellationToken);
            Volatile.Write(ref phase, "after");
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:N0} s: Azurite back");
        }

        await Task.WhenAll(new[] { OperatorAsync(), ProberAsync(), ClockMoverAsync() }.Concat(Enumerable.Range(0, 8).Select(w => Task.Run(() => SubmitterAsync(w), cancellationToken))));
        if (recoveredAfter == TimeSpan.Zero || app.Pid != pid || !app.IsRunning)
        {
            report.Fail("no recovery after outage", "no 201 from the same app process after storage came back");
        }

        Console.WriteLine("  answers by phase:");
        foreach (var (key, value) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"    {key} ×{value}");
        }
        Console.WriteLine($"  first 201 after storage came back at {recoveredAfter.TotalSeconds:N1} s, same app process (pid {pid}), no restart");
        var health = await FaultEngine.HealthAsync(http, app, cancellationToken);
        Console.WriteLine($"  /healthz after the load: {health.Code} {health.Status}, {health.ActivityFailures} activity failures (retried), recent: {health.RecentFailure ?? "none"}");

        var target = await FaultEngine.AppClockAsync(http, app, cancellationToken) + PastGrace;
        var move = await FaultEngine.MoveClockAsync(http, app, new { now = target }, cancellationToken);
        report.Add("clock moves");
        Console.WriteLine($"  clock moved {PastGrace.TotalMinutes:N0} min on: {move.Woken} orchestrations woken, settled {move.Settled}");
        using var engine = new Engine(azurite.ConnectionString, TimeProvider.System);
        var (_, settled, took) = await new Orchestrations(azurite.ConnectionString).SettleAsync(engine, target, SettleTimeout, cancellationToken);
        Console.WriteLine($"  every orchestration looked at since, no submission left unscheduled: {(settled ? "yes" : "NO")} after {took.TotalSeconds:N0} s more");
        health = await FaultEngine.HealthAsync(http, app, cancellationToken);
        Console.WriteLine($"  /healthz: {health.Code} {health.Status}, {health.ActivityFailures} activity failures, recent: {health.RecentFailure ?? "none"}; /api/admin/lifecycle: {await FaultEngine.LifecycleLineAsync(http, app, cancellationToken)}");
        if (health.Code != 200 || health.Status is not ("healthy" or "degraded") || !settled)
        {
            report.Fail("no recovery after outage", $"/healthz {health.Code} {health.Status}, orchestrations settled: {settled}");
        }

        await app.StopAsync();
        await Verifier.VerifyAsync(report, azurite.ConnectionString, acknowledged, target, "outage", cancellationToken);
        Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:N0} s)");
        Console.WriteLine();
    }
}
