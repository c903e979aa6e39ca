using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Bench.Harness;

namespace Assist.Bench.Fault;

/// <summary>
/// SIGKILL at random moments during an intake-and-action load: submitters post tickets, actors sign tickets in,
/// record progress and answer them, and enterprises confirm the answers (closing the tickets), all with If-Match;
/// the development clock moves forward so timers come due (each move wakes every orchestration), and a killer
/// SIGKILLs the app and restarts it on the same port (its clock resumes from storage). A kill leaves
/// submissions answered but not yet scheduled (their markers wait for the repair sweep), messages the process had
/// dequeued (back after the visibility timeout) and the partition leases it held (taken over once expired).
/// Afterwards the clock moves two days on, the run waits until every orchestration has looked at its ticket on that
/// clock, and storage is verified.
/// </summary>
internal static class KillTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// The gap between kills: longer than the engine needs to recover from one (leases expire after 30 s and are taken
    /// within the next 10 s check; dequeued messages are back after 20 s), so every restarted process gets its
    /// partitions back and works for a while before it is killed again; random within the range, so kills land in
    /// every phase of the work (scheduling, looks, wake-ups, clock moves).
    /// </summary>
    private static readonly TimeSpan KillEveryMin = FaultEngine.RecoveryWindow + TimeSpan.FromSeconds(5);

    private static readonly TimeSpan KillEveryMax = KillEveryMin + TimeSpan.FromSeconds(30);

    /// <summary>Between clock moves: each wakes every live orchestration, hundreds of looks for the engine on one Azurite.</summary>
    private static readonly TimeSpan ClockMoveEvery = TimeSpan.FromSeconds(30);

    /// <summary>A day per move: from the second move on, earlier tickets' sign-in limits (one working day) fall due during the load.</summary>
    private const string ClockStep = "P1D";

    /// <summary>Between two actions of one actor.</summary>
    private static readonly TimeSpan ActorPause = TimeSpan.FromMilliseconds(500);

    /// <summary>The clock as the people in the tickets read it.</summary>
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static readonly TimeSpan FinalStep = TimeSpan.FromDays(2);

    /// <summary>How long the engine may take to catch up after the load: a recent kill's leases, then a look per ticket.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(4);

    /// <param name="rate">Submissions per second the six submitters keep to, so the load (and the work it leaves the engine) is bounded.</param>
    public static async Task RunAsync(FaultReport report, TimeSpan duration, int rate, CancellationToken cancellationToken)
    {
        Console.WriteLine($"## 1. SIGKILL during a {duration.TotalSeconds:N0} s intake-and-action load");
        Console.WriteLine($"  6 submitters at {rate}/s in all, 3 actors (check-in, progress, reply, the enterprise's confirmation; If-Match; one action per {ActorPause.TotalSeconds:N1} s each), clock +{System.Xml.XmlConvert.ToTimeSpan(ClockStep).TotalHours:N0} h every {ClockMoveEvery.TotalSeconds:N0} s, " +
                          $"SIGKILL every {KillEveryMin.TotalSeconds:N0}–{KillEveryMax.TotalSeconds:N0} s (recovery: leases {FaultEngine.LeaseInterval.TotalSeconds:N0} s + a {FaultEngine.LeaseCheckInterval.TotalSeconds:N0} s check; messages back after {FaultEngine.VisibilityTimeout.TotalSeconds:N0} s)");
        using var http = ApiClient.Create(FaultEngine.ClientTimeout);
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken);
        await using var app = new AppProcess("fault-kill", azurite.ConnectionString, FaultEngine.Settings(Start));
        await app.StartAsync(http, cancellationToken);
        using var engine = new Engine(azurite.ConnectionString, TimeProvider.System);
        var orchestrations = new Orchestrations(azurite.ConnectionString);
        var takeovers = new List<Task>();
        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var tokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var trackingCodes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var restarting = 0;
        int movesSent = 0, movesSettled = 0, movesAnswered = 0, moving = 0;
        long firedDuringLoad = 0;
        // The clock the app has made durable: a move saves the offset before it answers; a reading counts only if no
        // move was under way around it (a move killed between setting its clock and saving it promised nothing).
        var promisedClock = Start;
        var clockLock = new Lock();

        void Promise(DateTimeOffset clock)
        {
            lock (clockLock)
            {
                promisedClock = clock > promisedClock ? clock : promisedClock;
            }
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var load = Stopwatch.StartNew();

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

        async Task<HttpResponseMessage?> SendAsync(HttpRequestMessage request)
        {
            report.Add("requests");
            var path = request.RequestUri?.AbsolutePath;
            try
            {
                var response = await http.SendAsync(request, stop.Token);
                if (response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    report.Fail("500 answers", $"{path}: {await response.Content.ReadAsStringAsync(stop.Token)}");
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    tokens.Clear();
                }

                return response;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                // The app was killed under this request (or is restarting): no answer, so nothing was promised.
                report.Add("unanswered during kills");
                await Task.Delay(200, stop.Token);
                return null;
            }
            finally
            {
                request.Dispose();
            }
        }

        async Task SubmitterAsync(int worker)
        {
            var interval = TimeSpan.FromSeconds(6.0 / Math.Max(1, rate));
            for (var i = 0; i < 100_000 && load.Elapsed < duration; i++)
            {
                var started = load.Elapsed;
                var n = (worker * 100_000) + i;
                using var response = await SendAsync(ApiClient.Post(app.BaseAddress, "api/tickets", ApiClient.SubmissionJson(n)));
                if (response?.StatusCode == HttpStatusCode.Created)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop.Token);
                    var number = body.GetProperty("number").GetString()!;
                    trackingCodes[number] = body.GetProperty("trackingCode").GetString()!;
                    Acknowledge(number, body.GetProperty("version").GetInt32());
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
                // Paced: every action wakes its ticket's orchestration, a look the engine owes on top of the submissions.
                await Task.Delay(ActorPause, stop.Token);
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
                    using var view = await SendAsync(ApiClient.Get(app.BaseAddress, $"api/staff/tickets/{number}", supervisor));
                    if (view?.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }

                    var ticket = await view.Content.ReadFromJsonAsync<JsonElement>(stop.Token);
                    if (ticket.GetProperty("officerId").GetString() is not { } officer)
                    {
                        continue;
                    }

                    var version = ticket.GetProperty("version").GetInt32();
                    HttpRequestMessage? request = ticket.GetProperty("status").GetString() switch
                    {
                        "Routed" => ApiClient.Post(app.BaseAddress, $"api/staff/tickets/{number}/check-in", "{}", await TokenAsync(officer), version),
                        "InProgress" when random.Next(4) == 0 => ApiClient.Post(app.BaseAddress, $"api/staff/tickets/{number}/reply",
                            JsonSerializer.Serialize(new { answer = "已协调银行，贷款已放款。", resolved = true }), await TokenAsync(officer), version),
                        "InProgress" => ApiClient.Post(app.BaseAddress, $"api/staff/tickets/{number}/progress",
                            JsonSerializer.Serialize(new { note = "已电话联系企业 #" + i.ToString(CultureInfo.InvariantCulture) }), await TokenAsync(officer), version),
                        // The enterprise confirms the answer: the ticket closes, and its orchestration must end with it.
                        "Replied" when trackingCodes.TryGetValue(number, out var code) => Confirmation(number, code, version),
                        _ => null,
                    };
                    if (request is null)
                    {
                        continue;
                    }

                    using var action = await SendAsync(request);
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

        HttpRequestMessage Confirmation(string number, string trackingCode, int version)
        {
            var request = ApiClient.Post(app.BaseAddress, $"api/tickets/{number}/confirmation", JsonSerializer.Serialize(new { rating = "Satisfied", comment = "感谢" }), ifMatch: version);
            request.Headers.Add("X-Tracking-Code", trackingCode);
            return request;
        }

        async Task ClockMoverAsync()
        {
            while (load.Elapsed + ClockMoveEvery < duration)
            {
                await Task.Delay(ClockMoveEvery, stop.Token);
                // The move answers once this process has seen every woken orchestration look, or after 60 s; the load does
                // not wait for it past its end (cutting it off is one more interruption the engine must take).
                using var budget = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                budget.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, (duration - load.Elapsed).TotalSeconds)));
                Interlocked.Increment(ref movesSent);
                Volatile.Write(ref moving, 1);
                try
                {
                    var move = await FaultEngine.MoveClockAsync(http, app, new { advance = ClockStep }, budget.Token);
                    Promise(move.Now);
                    report.Add("clock moves");
                    Interlocked.Increment(ref movesAnswered);
                    Interlocked.Add(ref firedDuringLoad, move.TimersFired);
                    if (move.Settled)
                    {
                        Interlocked.Increment(ref movesSettled);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or OperationCanceledException && !stop.IsCancellationRequested)
                {
                    // Killed (or cut off) while it woke the orchestrations: the offset was saved or not; the next move
                    // (or the final one) wakes them.
                    report.Add("clock moves");
                }
                finally
                {
                    Volatile.Write(ref moving, 0);
                }
            }
        }

        async Task KillerAsync()
        {
            var random = new Random(9);
            for (var i = 0; i < 100; i++)
            {
                var wait = KillEveryMin + ((KillEveryMax - KillEveryMin) * random.NextDouble());
                if (load.Elapsed + wait >= duration)
                {
                    return;
                }

                await Task.Delay(wait, stop.Token);
                // The app clock just before the kill: the restarted process must resume at least that (the offset is
                // in storage), unless a move was under way around the reading.
                try
                {
                    var startedBefore = Volatile.Read(ref movesSent);
                    var reading = await FaultEngine.AppClockAsync(http, app, stop.Token);
                    if (Volatile.Read(ref moving) == 0 && Volatile.Read(ref movesSent) == startedBefore)
                    {
                        Promise(reading);
                    }
                }
                catch (HttpRequestException)
                {
                    // Too busy to answer: the last answered move is what the restart is held to.
                }

                Volatile.Write(ref restarting, 1);
                await app.KillAsync();
                report.Add("kills (SIGKILL)");
                var killedAt = load.Elapsed;
                await app.StartAsync(http, stop.Token);
                report.Add("restarts");
                Volatile.Write(ref restarting, 0);
                var after = await FaultEngine.AppClockAsync(http, app, stop.Token);
                DateTimeOffset promised;
                lock (clockLock)
                {
                    promised = promisedClock;
                }

                if (after < promised)
                {
                    report.Fail("clock behind after restart", $"kill: the clock was at {promised:O} before the kill and {after:O} after the restart");
                }

                // Submissions the killed process answered but had not scheduled yet: the repair sweep's work, after their grace.
                var marked = (await Orchestrations.PendingMarkersAsync(engine, stop.Token)).Count;
                Console.WriteLine($"  {killedAt.TotalSeconds,5:N0} s: SIGKILL; restarted in {(load.Elapsed - killedAt).TotalSeconds:N1} s (pid {app.Pid}), clock resumed at {after.ToOffset(China):MM-dd HH:mm}; " +
                                  $"{acknowledged.Count:N0} tickets acknowledged so far, {marked} submissions still marked as not scheduled");
                takeovers.Add(WatchTakeoverAsync(orchestrations, app.Pid!.Value, load, killedAt, stop.Token));
            }
        }

        var workers = new List<Task> { KillerAsync(), ClockMoverAsync() };
        workers.AddRange(Enumerable.Range(0, 6).Select(w => Task.Run(() => SubmitterAsync(w), stop.Token)));
        workers.AddRange(Enumerable.Range(0, 3).Select(w => Task.Run(() => ActorAsync(w), stop.Token)));
        await Task.WhenAll(workers);
        await Task.WhenAll(takeovers);
        Console.WriteLine($"  load done at {load.Elapsed.TotalSeconds:N0} s: {report["requests"]:N0} requests, {acknowledged.Count:N0} tickets acknowledged, {report["actions acknowledged (2xx)"]:N0} actions, " +
                          $"{report["kills (SIGKILL)"]} kills; {movesSent} clock moves, {movesAnswered} answered ({movesSettled} settled within their 60 s, {firedDuringLoad} timers fired meanwhile)");

        // Every timer the load left comes due: the move wakes every orchestration; the repair sweep (every 30 s) takes
        // up the submissions a kill left unscheduled, now past their 2-minute grace.
        var target = (await FaultEngine.AppClockAsync(http, app, cancellationToken) + FinalStep).ToOffset(China);
        // The move wakes every orchestration one call at a time while the engine still works through the load (and
        // perhaps a recent kill's leases): the run watches storage meanwhile rather than wait for the answer.
        using var patient = ApiClient.Create(SettleTimeout + FaultEngine.ClientTimeout);
        var finalMove = FaultEngine.MoveClockAsync(patient, app, new { now = target }, cancellationToken);
        report.Add("clock moves");
        var (_, settled, took) = await orchestrations.SettleAsync(engine, target, SettleTimeout, cancellationToken);
        var final = await finalMove;
        Console.WriteLine($"  clock moved to {target:yyyy-MM-dd HH:mm zzz}: {final.Woken} orchestrations woken, {final.TimersFired} timers fired, settled {final.Settled}");
        Console.WriteLine($"  every orchestration looked at since, every due timer fired, no submission left unscheduled: {(settled ? "yes" : "NO")} after {took.TotalSeconds:N0} s");
        Console.WriteLine($"  /api/admin/lifecycle: {await FaultEngine.LifecycleLineAsync(http, app, cancellationToken)}");
        await app.StopAsync();
        await Verifier.VerifyAsync(report, azurite.ConnectionString, acknowledged, target, "kill", cancellationToken);
        Console.WriteLine($"  ({load.Elapsed.TotalSeconds:N0} s)");
        Console.WriteLine();
    }

    /// <summary>Prints when the restarted process holds every control queue: the killed process's leases had to expire first.</summary>
    private static async Task WatchTakeoverAsync(Orchestrations orchestrations, int pid, Stopwatch load, TimeSpan killedAt, CancellationToken cancellationToken)
    {
        var mine = $"-{pid}-";
        while (load.Elapsed - killedAt < FaultEngine.RecoveryWindow * 3)
        {
            var owners = await orchestrations.PartitionOwnersAsync(cancellationToken);
            if (owners.Count > 0 && owners.All(o => o.Owner?.Contains(mine, StringComparison.Ordinal) == true))
            {
                Console.WriteLine($"  {load.Elapsed.TotalSeconds,5:N0} s: pid {pid} holds all {owners.Count} control queues, {(load.Elapsed - killedAt).TotalSeconds:N0} s after the kill");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        Console.WriteLine($"  pid {pid} did not hold every control queue within {(FaultEngine.RecoveryWindow * 3).TotalSeconds:N0} s of the kill");
    }
}
