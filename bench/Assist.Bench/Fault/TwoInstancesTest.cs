using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Bench.Harness;

namespace Assist.Bench.Fault;

/// <summary>
/// Two app instances on the same storage, both with their scheduler on, sweep the same due timers at once: 300 tickets
/// are submitted, then both development clocks are moved to the same instants together (each move sweeps until quiet
/// on that instance, while the schedulers sweep too). Each timer's effect must be recorded once.
/// </summary>
internal static class TwoInstancesTest
{
    private const int Tickets = 300;
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    public static async Task RunAsync(FaultReport report, CancellationToken cancellationToken)
    {
        Console.WriteLine("## 3. Two instances sweeping the same timers");
        using var http = ApiClient.Create(TimeSpan.FromSeconds(120));
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken);
        var settings = new Dictionary<string, string> { ["DevClock__Start"] = Start.ToString("O", CultureInfo.InvariantCulture) };
        await using var a = new AppProcess("fault-two-a", azurite.ConnectionString, settings);
        await using var b = new AppProcess("fault-two-b", azurite.ConnectionString, settings);
        await Task.WhenAll(a.StartAsync(http, cancellationToken), b.StartAsync(http, cancellationToken));

        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, Tickets), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (n, token) =>
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

        int firedA = 0, firedB = 0;
        var target = Start;
        foreach (var step in new[] { TimeSpan.FromHours(40), TimeSpan.FromDays(3), TimeSpan.FromDays(4), TimeSpan.FromDays(7), TimeSpan.FromDays(14) })
        {
            target += step;
            var moves = await Task.WhenAll(new[] { a, b }.Select(app => MoveAsync(http, app, target, cancellationToken)));
            firedA += moves[0];
            firedB += moves[1];
            report.Add("clock moves", 2);
            Console.WriteLine($"  both clocks at {target:yyyy-MM-dd HH:mm zzz}: timers fired by A {moves[0]}, by B {moves[1]}");
        }

        await Task.WhenAll(a.StopAsync(), b.StopAsync());
        Console.WriteLine($"  {acknowledged.Count} tickets; timers fired by A {firedA} and B {firedB} through the clock endpoint (the schedulers swept too); verifying…");
        var before = report["duplicated timer effects"] + report["duplicated notifications"];
        await Verifier.VerifyAsync(report, azurite.ConnectionString, acknowledged, target, "two instances", cancellationToken);
        report.Add("duplicated effects (two instances)", report["duplicated timer effects"] + report["duplicated notifications"] - before);
        Console.WriteLine();
    }

    private static async Task<int> MoveAsync(HttpClient http, AppProcess app, DateTimeOffset to, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(app.BaseAddress, "api/dev/clock"), ApiClient.Json(JsonSerializer.Serialize(new { now = to })), cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return answer.GetProperty("sweep").GetProperty("timersFired").GetInt32();
    }
}
