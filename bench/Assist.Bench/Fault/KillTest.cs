using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Bench.Harness;

namespace Assist.Bench.Fault;

/// <summary>
/// SIGKILL at random moments during an intake-and-action load: submitters post tickets, actors sign tickets in and
/// record progress with If-Match, the development clock moves forward so timers come due (and the scheduler sweeps),
/// and a killer SIGKILLs the app every 8–20 s and restarts it on the same port with its clock where it was. Afterwards
/// the clock moves two days on (so every timer and pending dispatch is due), and storage is verified.
/// </summary>
internal static class KillTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    /// <param name="rate">Submissions per second the six submitters keep to, so the load (and the timers it leaves to verify) is bounded.</param>
    public static async Task RunAsync(FaultReport report, TimeSpan duration, int rate, CancellationToken cancellationToken)
    {
        Console.WriteLine($"## 1. SIGKILL during a {duration.TotalSeconds:N0} s intake-and-action load");
        using var http = ApiClient.Create(TimeSpan.FromSeconds(60));
        // The final clock moves sweep every timer of every ticket the load left behind: minutes, not seconds.
        using var patient = ApiClient.Create(TimeSpan.FromMinutes(20));
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken);
        await using var app = new AppProcess("fault-kill", azurite.ConnectionString, new Dictionary<string, string>
        {
            ["DevClock__Start"] = Start.ToString("O", CultureInfo.InvariantCulture),
        });
        await app.StartAsync(http, cancellationToken);
        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var tokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var clockLock = new Lock();
        var clockReading = (At: Start, Since: Stopwatch.StartNew());
        var restarting = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var load = Stopwatch.StartNew();

        DateTimeOffset EstimatedClock()
        {
            lock (clockLock)
            {
                return clockReading.At + clockReading.Since.Elapsed;
            }
        }

        void Acknowledge(string number, int version) => acknowledged.AddOrUpdate(number, version, (_, v) => Math.Max(v, version));

        async Task<string> TokenAsync(string user)
        {
            if (tokens.TryGetValue(user, out var token))
            {
                return token;
            }

            token = await ApiClient.TokenAsync(http, app.BaseAddress, user, stop.Token);
            tokens[user] = token;
            return token;
        }

        async Task<HttpResponseMessage?> SendAsync(Func<HttpRequestMessage> request)
        {
            report.Add("requests");
            try
            {
                var response = await http.SendAsync(request(), stop.Token);
                if (response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    report.Fail("500 answers", $"{request().RequestUri?.AbsolutePath}: {await response.Content.ReadAsStringAsync(stop.Token)}");
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    tokens.Clear();
                }

                return response;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                // The app was killed under this request: no answer, so nothing was promised.
                report.Add("unanswered during kills");
                await Task.Delay(200, stop.Token);
                return null;
            }
        }

        async Task SubmitterAsync(int worker)
        {
            var interval = TimeSpan.FromSeconds(6.0 / Math.Max(1, rate));
            for (var i = 0; i < 100_000 && load.Elapsed < duration; i++)
            {
                var started = load.Elapsed;
                var n = (worker * 100_000) + i;
                using var response = await SendAsync(() => ApiClient.Post(app.BaseAddress, "api/tickets", ApiClient.SubmissionJson(n)));
                if (response?.StatusCode == HttpStatusCode.Created)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop.Token);
                    Acknowledge(body.GetProperty("number").GetString()!, body.GetProperty("version").GetInt32());
                    report.Add("tickets acknowledged (201)");
                }

                if (interval - (load.Elapsed - started) is { Ticks: > 0 } rest)
                {
                    await Task.Delay(rest, stop.Token);
                }
            }
        }

        async Task ActorAsync(int worker)
        {
            var random = new Random(worker);
            for (var i = 0; i < 100_000 && load.Elapsed < duration; i++)
            {
                var numbers = acknowledged.Keys.ToList();
                if (numbers.Count == 0 || Volatile.Read(ref restarting) == 1)
                {
                    await Task.Delay(200, stop.Token);
                    continue;
                }

                try
                {
                    var number = numbers[random.Next(numbers.Count)];
                    var supervisor = await TokenAsync("supervisor.1");
                    using var view = await SendAsync(() => ApiClient.Get(app.BaseAddress, $"api/staff/tickets/{number}", supervisor));
                    if (view?.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }

                    var ticket = await view.Content.ReadFromJsonAsync<JsonElement>(stop.Token);
                    if (ticket.GetProperty("officerId").GetString() is not { } officer)
                    {
                        continue;
                    }

                    var status = ticket.GetProperty("status").GetString();
                    var version = ticket.GetProperty("version").GetInt32();
                    var path = status == "Routed" ? "check-in" : status == "InProgress" ? "progress" : null;
                    if (path is null)
                    {
                        continue;
                    }

                    var token = await TokenAsync(officer);
                    var body = path == "check-in" ? "{}" : JsonSerializer.Serialize(new { note = "已电话联系企业 #" + i.ToString(CultureInfo.InvariantCulture) });
                    using var action = await SendAsync(() => ApiClient.Post(app.BaseAddress, $"api/staff/tickets/{number}/{path}", body, token, version));
                    if (action is { IsSuccessStatusCode: true } && action.Headers.ETag?.Tag is { } tag)
                    {
                        Acknowledge(number, int.Parse(tag.Trim('"'), CultureInfo.InvariantCulture));
                        report.Add("actions acknowledged (2xx)");
                    }
                }
                catch (HttpRequestException)
                {
                    // A token request hit a kill; try again.
                }
            }
        }

        async Task ClockMoverAsync()
        {
            for (var i = 0; i < 1_000 && load.Elapsed < duration; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop.Token);
                try
                {
                    var now = await ApiClient.MoveClockAsync(http, app.BaseAddress, new { advance = "PT4H" }, stop.Token);
                    lock (clockLock)
                    {
                        clockReading = (now, Stopwatch.StartNew());
                    }

                    report.Add("clock moves");
                }
                catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    // Killed while it swept: the next move (or the final one) runs the timers.
                }
            }
        }

        async Task KillerAsync()
        {
            var random = new Random(9);
            for (var i = 0; i < 100; i++)
            {
                var wait = TimeSpan.FromSeconds(8 + (random.NextDouble() * 12));
                if (load.Elapsed + wait >= duration)
                {
                    return;
                }

                await Task.Delay(wait, stop.Token);
                Volatile.Write(ref restarting, 1);
                await app.KillAsync();
                report.Add("kills (SIGKILL)");
                // The restarted instance's clock continues where the killed one's was (the clock only moves forward).
                app.Set("DevClock__Start", (EstimatedClock() + TimeSpan.FromSeconds(1)).ToString("O", CultureInfo.InvariantCulture));
                await app.StartAsync(http, stop.Token);
                report.Add("restarts");
                Volatile.Write(ref restarting, 0);
                Console.WriteLine($"  {load.Elapsed.TotalSeconds,5:N0} s: killed and restarted (pid {app.Pid}); {acknowledged.Count:N0} tickets acknowledged so far");
            }
        }

        var workers = new List<Task> { KillerAsync(), ClockMoverAsync() };
        workers.AddRange(Enumerable.Range(0, 6).Select(w => Task.Run(() => SubmitterAsync(w), stop.Token)));
        workers.AddRange(Enumerable.Range(0, 3).Select(w => Task.Run(() => ActorAsync(w), stop.Token)));
        await Task.WhenAll(workers);

        // Every timer and every pending dispatch comes due; the app sweeps until quiet, then once more after the markers' grace.
        var final = await ApiClient.MoveClockAsync(patient, app.BaseAddress, new { advance = "P2D" }, cancellationToken);
        final = await ApiClient.MoveClockAsync(patient, app.BaseAddress, new { advance = "PT10M" }, cancellationToken);
        await app.StopAsync();
        Console.WriteLine($"  load done: {report["requests"]:N0} requests, {acknowledged.Count:N0} tickets acknowledged, {report["kills (SIGKILL)"]} kills; verifying…");
        await Verifier.VerifyAsync(report, azurite.ConnectionString, acknowledged, final, "kill", cancellationToken);
        Console.WriteLine();
    }
}
