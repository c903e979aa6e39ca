using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Assist.Bench.Harness;

/// <summary>A fixed number of submissions (<c>POST /api/tickets</c>), sent by concurrent clients as fast as the app answers.</summary>
internal static class SubmissionBurst
{
    /// <summary>Sends forms <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    public static async Task<Result> SendAsync(HttpClient http, Uri app, int first, int count, int clients, bool urgent, CancellationToken cancellationToken)
    {
        var next = first - 1;
        var last = first + count - 1;
        var created = new ConcurrentBag<JsonElement>();
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        async Task ClientAsync()
        {
            for (var n = Interlocked.Increment(ref next); n <= last; n = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync(new Uri(app, "api/tickets"), ApiClient.Json(ApiClient.SubmissionJson(n, urgent: urgent)), cancellationToken);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                        created.Add(body.RootElement.Clone());
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    // Counted below, as a refusal is.
                }

                Interlocked.Increment(ref failures);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientAsync, cancellationToken)));
        return new Result([.. created], failures, clock.Elapsed, Stats.Sorted(latencies));
    }

    /// <summary>The 201 bodies (number, submittedAt, deadlines, …), the failures, the time until the last answer, latencies (ms, sorted).</summary>
    internal sealed record Result(IReadOnlyList<JsonElement> Created, int Failures, TimeSpan Elapsed, List<double> Latencies)
    {
        public string Percentiles => $"{Stats.Ms(Stats.Percentile(Latencies, 50))} / {Stats.Ms(Stats.Percentile(Latencies, 95))}";
    }
}
