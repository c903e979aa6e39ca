using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Bench.Harness;

namespace Assist.Bench;

/// <summary>
/// The development clock moved 30 days forward with 50 open tickets (issue 18): the wall time of
/// <c>POST /api/dev/clock</c>, which wakes every ticket's orchestration and answers once each has looked at its
/// ticket on the new clock, then the overdue board and the inboxes read back. A second app started with a clock
/// months in the past runs for a while with its tickets to show it does not spin (looks per ticket).
/// </summary>
internal static class ClockBenchmark
{
    /// <summary>A Tuesday morning, China time: plain working days ahead.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    public static async Task<int> RunAsync(string[] args)
    {
        var tickets = CommandOptions.Int(args, "--tickets", 50);
        var cancellationToken = ChildProcesses.Cancellation.Token;
        Console.WriteLine($"## Development clock: +30 days with {tickets} open tickets");
        using var http = ApiClient.Create(TimeSpan.FromMinutes(5));
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken, inMemory: true);
        await using var app = new AppProcess("clock", azurite.ConnectionString, new Dictionary<string, string>
        {
            ["DevClock__Start"] = Start.ToString("O", CultureInfo.InvariantCulture),
            ["Scheduler__Enabled"] = "false",
        });
        await app.StartAsync(http, cancellationToken);
        var admin = await ApiClient.TokenAsync(http, app.BaseAddress, "admin", cancellationToken);
        for (var i = 0; i < tickets; i++)
        {
            using var created = await http.SendAsync(ApiClient.Post(app.BaseAddress, "api/tickets", ApiClient.SubmissionJson(i, "FINANCE")), cancellationToken);
            created.EnsureSuccessStatusCode();
        }

        await WaitForBacklogAsync(http, app.BaseAddress, admin, cancellationToken);
        var looksBefore = await LooksAsync(http, app.BaseAddress, cancellationToken);

        var watch = Stopwatch.StartNew();
        using var moved = await http.PostAsync(new Uri(app.BaseAddress, "api/dev/clock"), ApiClient.Json("""{"advance":"P30D"}"""), cancellationToken);
        var answer = await moved.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;

        var supervisor = await ApiClient.TokenAsync(http, app.BaseAddress, "supervisor.1", cancellationToken);
        var overdue = await CountOverdueAsync(http, app.BaseAddress, supervisor, cancellationToken);
        var looksAfter = await LooksAsync(http, app.BaseAddress, cancellationToken);
        Console.WriteLine($"  woken {answer.GetProperty("woken").GetInt32()}, settled {answer.GetProperty("settled").GetBoolean()}, timers fired {answer.GetProperty("timersFired").GetInt64()}, in {seconds:N1} s (goal ≤ 10 s)");
        Console.WriteLine($"  overdue board after the answer: {overdue} of {tickets} tickets; looks by the move {looksAfter - looksBefore} ({(looksAfter - looksBefore) / (double)tickets:N1} per ticket)");
        return answer.GetProperty("settled").GetBoolean() && overdue == tickets ? 0 : 1;
    }

    /// <summary>The tickets on the overdue board, counted a page of 200 at a time.</summary>
    private static async Task<int> CountOverdueAsync(HttpClient http, Uri app, string supervisor, CancellationToken cancellationToken)
    {
        var count = 0;
        string? token = null;
        do
        {
            var path = "api/staff/overdue?pageSize=200" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            using var board = await http.SendAsync(ApiClient.Get(app, path, supervisor), cancellationToken);
            var page = await board.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            count += page.GetProperty("items").GetArrayLength();
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        return count;
    }

    private static async Task WaitForBacklogAsync(HttpClient http, Uri app, string admin, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.SendAsync(ApiClient.Get(app, "api/admin/lifecycle", admin), cancellationToken);
            var status = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (status.GetProperty("markersPending").GetInt32() == 0 && status.GetProperty("awaitedHere").GetInt32() == 0 && status.GetProperty("queuedHere").GetInt32() == 0)
            {
                return;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<long> LooksAsync(HttpClient http, Uri app, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(app, "healthz"), cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("lifecycle").GetProperty("looks").GetInt64();
    }
}
