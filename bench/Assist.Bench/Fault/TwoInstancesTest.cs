using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Bench.Harness;

namespace Assist.Bench.Fault;

/// <summary>
/// Two app processes on the same storage and the same task hub: both host the engine, so the control queues (and with
/// them the orchestrations) are shared out by partition leases, and either process runs any look. Tickets are
/// submitted through both, a fifth of them answered (so their confirmation windows close them), then both
/// development clocks are moved to the same instants, step by step up the escalation ladder; after each step the run
/// waits until every orchestration has looked at its ticket on the new clock. Each due timer must have fired once,
/// with its effect and its notifications recorded once.
/// </summary>
internal static class TwoInstancesTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// Sign-in limits (1 working day), then blue and yellow cards and the confirmation windows (7 and 5 working days),
    /// then red cards and 提级 to HQ (3 and 10 working days overdue).
    /// </summary>
    private static readonly TimeSpan[] Steps = [TimeSpan.FromHours(40), TimeSpan.FromDays(9), TimeSpan.FromDays(16)];

    /// <summary>How long one step may take to settle: both processes wake every orchestration, so each looks twice.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(4);

    public static async Task RunAsync(FaultReport report, int tickets, CancellationToken cancellationToken)
    {
        Console.WriteLine($"## 3. Two instances on one task hub ({tickets} tickets)");
        using var http = ApiClient.Create(FaultEngine.ClientTimeout);
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken);
        var settings = FaultEngine.Settings(Start);
        await using var a = new AppProcess("fault-two-a", azurite.ConnectionString, settings);
        await using var b = new AppProcess("fault-two-b", azurite.ConnectionString, settings);
        await Task.WhenAll(a.StartAsync(http, cancellationToken), b.StartAsync(http, cancellationToken));
        using var engine = new Engine(azurite.ConnectionString, TimeProvider.System);
        var orchestrations = new Orchestrations(azurite.ConnectionString);
        var clock = Stopwatch.StartNew();

        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, tickets), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (n, token) =>
        {
            report.Add("requests");
            var app = n % 2 == 0 ? a : b;
            using var response = await http.PostAsync(new Uri(app.BaseAddress, "api/tickets"), ApiClient.Json(ApiClient.SubmissionJson(n)), token);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(token);
                acknowledged[body.GetProperty("number").GetString()!] = body.GetProperty("version").GetInt32();
                report.Add("tickets acknowledged (201)");
            }
            else if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                report.Fail("500 answers", "two instances: submit answered 500");
            }
        });

        // A fifth are signed in and answered, each command through the other process than the last (If-Match).
        var answered = 0;
        var numbers = acknowledged.Keys.Order(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(numbers.Where((_, i) => i % 5 == 0), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (number, token) =>
        {
            if (await AnswerAsync(http, report, a, b, number, acknowledged, token))
            {
                Interlocked.Increment(ref answered);
            }
        });
        Console.WriteLine($"  {acknowledged.Count} tickets submitted through both processes, {answered} signed in and answered, in {clock.Elapsed.TotalSeconds:N0} s");

        await ReportPartitionsAsync(report, orchestrations, a, b, cancellationToken);
        var (_, started, took) = await orchestrations.SettleAsync(engine, Start, SettleTimeout, cancellationToken);
        Console.WriteLine($"  every orchestration scheduled and looked at once: {(started ? "yes" : "NO")} after {took.TotalSeconds:N0} s more");

        // A move answers once the looks its own process ran are done, or after 60 s: looks run on either process, so
        // most moves here wait the full minute. The run watches storage instead, for every orchestration, and leaves
        // the answers; they are cut off at the end.
        using var moving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var moves = new List<Task>();
        var target = Start;
        foreach (var step in Steps)
        {
            target += step;
            var to = new { now = target };
            moves.AddRange(new[] { a, b }.Select(app => FaultEngine.MoveClockAsync(http, app, to, moving.Token)));
            report.Add("clock moves", 2);
            var (_, settled, stepTook) = await orchestrations.SettleAsync(engine, target, SettleTimeout, cancellationToken);
            // Looks in either process use its own clock: both must be on the new one before the next step moves them again.
            var clocks = await Task.WhenAll(new[] { a, b }.Select(app => ClockOnceMovedAsync(http, app, target, cancellationToken)));
            Console.WriteLine($"  both clocks at {target:yyyy-MM-dd HH:mm zzz} (A {clocks[0].ToOffset(target.Offset):HH:mm:ss}, B {clocks[1].ToOffset(target.Offset):HH:mm:ss}): " +
                              $"every orchestration looked at since: {(settled ? "yes" : "NO")} after {stepTook.TotalSeconds:N0} s");
        }

        await moving.CancelAsync();
        await Task.WhenAll(moves.Select(async move =>
        {
            try
            {
                await move;
            }
            catch (OperationCanceledException)
            {
                // Still waiting for looks the other process ran.
            }
        }));
        await ReportPartitionsAsync(report, orchestrations, a, b, cancellationToken);
        await Task.WhenAll(a.StopAsync(), b.StopAsync());
        var before = report["duplicated timer effects"] + report["duplicated notifications"];
        await Verifier.VerifyAsync(report, azurite.ConnectionString, acknowledged, target, "two instances", cancellationToken);
        report.Add("duplicated effects (two instances)", report["duplicated timer effects"] + report["duplicated notifications"] - before);
        Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:N0} s)");
        Console.WriteLine();
    }

    /// <summary>The app's clock once it has reached <paramref name="target"/> (its move may still be on its way), or after 30 s.</summary>
    private static async Task<DateTimeOffset> ClockOnceMovedAsync(HttpClient http, AppProcess app, DateTimeOffset target, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var now = await FaultEngine.AppClockAsync(http, app, cancellationToken);
            if (now >= target || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return now;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Signs the ticket in and answers it as its officer: check-in through one process, reply through the other.</summary>
    private static async Task<bool> AnswerAsync(HttpClient http, FaultReport report, AppProcess a, AppProcess b, string number, ConcurrentDictionary<string, int> acknowledged, CancellationToken cancellationToken)
    {
        var supervisor = await ApiClient.TokenAsync(http, a.BaseAddress, "supervisor.1", cancellationToken);
        using var view = ApiClient.Get(b.BaseAddress, $"api/staff/tickets/{number}", supervisor);
        using var viewed = await http.SendAsync(view, cancellationToken);
        var ticket = await viewed.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (ticket.GetProperty("officerId").GetString() is not { } officer)
        {
            return false;
        }

        var token = await ApiClient.TokenAsync(http, a.BaseAddress, officer, cancellationToken);
        var version = ticket.GetProperty("version").GetInt32();
        foreach (var (app, path, body) in new[] { (a, "check-in", "{}"), (b, "reply", JsonSerializer.Serialize(new { answer = "已协调银行，贷款已放款。", resolved = true })) })
        {
            report.Add("requests");
            using var request = ApiClient.Post(app.BaseAddress, $"api/staff/tickets/{number}/{path}", body, token, version);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                report.Fail("500 answers", $"two instances: {path} answered 500");
            }

            if (!response.IsSuccessStatusCode || response.Headers.ETag?.Tag is not { } tag)
            {
                return false;
            }

            version = int.Parse(tag.Trim('"'), CultureInfo.InvariantCulture);
            acknowledged.AddOrUpdate(number, version, (_, v) => Math.Max(v, version));
            report.Add("actions acknowledged (2xx)");
        }

        return true;
    }

    /// <summary>Prints which process holds which control queue; both must hold some (after the lease balancing, a few 10 s rounds).</summary>
    private static async Task ReportPartitionsAsync(FaultReport report, Orchestrations orchestrations, AppProcess a, AppProcess b, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var owners = await orchestrations.PartitionOwnersAsync(cancellationToken);
            string Held(AppProcess app) => string.Join(", ", owners.Where(o => o.Owner?.Contains($"-{app.Pid}-", StringComparison.Ordinal) == true).Select(o => o.Partition[^2..]));
            var (heldA, heldB) = (Held(a), Held(b));
            if ((heldA.Length > 0 && heldB.Length > 0) || waited.Elapsed > FaultEngine.RecoveryWindow * 2)
            {
                Console.WriteLine($"  control queues held by A (pid {a.Pid}): [{heldA}], by B (pid {b.Pid}): [{heldB}]");
                if (heldA.Length == 0 || heldB.Length == 0)
                {
                    report.Fail("partitions not shared", $"two instances: A holds [{heldA}], B holds [{heldB}] after {waited.Elapsed.TotalSeconds:N0} s; owners {string.Join(", ", owners.Select(o => o.Owner))}");
                }

                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }
}
