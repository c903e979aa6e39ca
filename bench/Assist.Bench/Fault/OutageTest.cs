using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Bench.Harness;

namespace Assist.Bench.Fault;

/// <summary>
/// Storage stops for 10 s under load (Azurite gets SIGTERM and saves, then is restarted on the same ports): while it is
/// down the app must answer 503 problem+json (never 500), and afterwards serve 201s again without being restarted;
/// every ticket acknowledged before, during or after must be in storage.
/// </summary>
internal static class OutageTest
{
    /// <param name="rate">Submissions per second the eight submitters keep to: requests keep being sent while storage is down, and the tickets left to verify stay bounded.</param>
    public static async Task RunAsync(FaultReport report, int rate, CancellationToken cancellationToken)
    {
        Console.WriteLine("## 2. Storage stopped for 10 s mid-load");
        using var http = ApiClient.Create(TimeSpan.FromSeconds(60));
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken);
        await using var app = new AppProcess("fault-outage", azurite.ConnectionString);
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

        await Task.WhenAll(new[] { OperatorAsync(), ProberAsync() }.Concat(Enumerable.Range(0, 8).Select(w => Task.Run(() => SubmitterAsync(w), cancellationToken))));
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
        await app.StopAsync();
        await Verifier.VerifyAsync(report, azurite.ConnectionString, acknowledged, DateTimeOffset.MinValue + TimeSpan.FromDays(1), "outage", cancellationToken);
        Console.WriteLine();
    }
}
