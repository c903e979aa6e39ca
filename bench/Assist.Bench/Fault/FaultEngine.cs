using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Bench.Harness;

namespace Assist.Bench.Fault;

/// <summary>
/// How the fault runs set up the app's Durable Task engine, the windows that follow from it, and the few app calls
/// they make about it. The windows decide how long a run must wait after a fault before the engine can have recovered.
/// </summary>
internal static class FaultEngine
{
    /// <summary>
    /// Control and work-item queue visibility timeout: a message dequeued by a killed process reappears after this
    /// (5 min by default, 30 s in local.settings.sample.json). Shorter than a partition lease, so after a kill the
    /// messages are back by the time the partitions are; long enough for the engine's 5-second lock renewals of a
    /// running activity and for a batch waiting in a busy process's buffer on this 2-core machine (a message that
    /// reappears anyway is run again, which the engine and the ticket's ETag make harmless).
    /// </summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The longest pause between polls of an idle queue (30 s by default): a wake-up is seen within a second.</summary>
    public static readonly TimeSpan PollingInterval = TimeSpan.FromSeconds(1);

    /// <summary>Control queues (the app's default): two instances take two each.</summary>
    public const int Partitions = 4;

    /// <summary>
    /// The provider's partition lease (not an app setting): a killed process's partitions are taken over once its
    /// leases have gone unrenewed this long; workers look at the lease table every <see cref="LeaseCheckInterval"/>.
    /// </summary>
    public static readonly TimeSpan LeaseInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan LeaseCheckInterval = TimeSpan.FromSeconds(10);

    /// <summary>The task hub (the app's default; each fault run has an Azurite of its own).</summary>
    public const string HubName = "AssistHub";

    /// <summary>
    /// The HTTP timeout of the runs that move the clock: a move wakes every live orchestration (one call each), then
    /// waits up to 60 s for their looks.
    /// </summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(150);

    /// <summary>The longest a killed process can hold up an orchestration: its lease runs out and the next check takes it over.</summary>
    public static TimeSpan RecoveryWindow => LeaseInterval + LeaseCheckInterval;

    /// <summary>The app settings of a fault run's app, as the Functions host would read them (host.json overrides).</summary>
    public static Dictionary<string, string> Settings(DateTimeOffset? clockStart = null)
    {
        const string Provider = "AzureFunctionsJobHost__extensions__durableTask__storageProvider__";
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = HubName,
            [Provider + "partitionCount"] = Partitions.ToString(CultureInfo.InvariantCulture),
            [Provider + "controlQueueVisibilityTimeout"] = VisibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
            [Provider + "workItemQueueVisibilityTimeout"] = VisibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
            [Provider + "maxQueuePollingInterval"] = PollingInterval.ToString("c", CultureInfo.InvariantCulture),
        };
        if (clockStart is { } start)
        {
            settings["DevClock__Start"] = start.ToString("O", CultureInfo.InvariantCulture);
        }

        return settings;
    }

    public static string Describe() =>
        $"engine: task hub {HubName}, {Partitions} partitions, queue visibility timeouts {VisibilityTimeout.TotalSeconds:N0} s, " +
        $"polling ≤ {PollingInterval.TotalSeconds:N0} s; partition leases {LeaseInterval.TotalSeconds:N0} s, checked every {LeaseCheckInterval.TotalSeconds:N0} s (provider defaults)";

    /// <summary>The app's clock (the development clock, as moved), read from <c>/healthz</c>.</summary>
    public static async Task<DateTimeOffset> AppClockAsync(HttpClient http, AppProcess app, CancellationToken cancellationToken)
    {
        var health = await http.GetFromJsonAsync<JsonElement>(new Uri(app.BaseAddress, "healthz"), cancellationToken);
        return health.GetProperty("checkedAt").GetDateTimeOffset();
    }

    /// <summary>The answer of <c>POST /api/dev/clock</c>.</summary>
    public sealed record ClockMove(DateTimeOffset Now, int Woken, bool Settled, long TimersFired);

    public static async Task<ClockMove> MoveClockAsync(HttpClient http, AppProcess app, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(app.BaseAddress, "api/dev/clock"), ApiClient.Json(JsonSerializer.Serialize(body)), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Moving the clock answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new ClockMove(
            answer.GetProperty("now").GetDateTimeOffset(),
            answer.GetProperty("woken").GetInt32(),
            answer.GetProperty("settled").GetBoolean(),
            answer.GetProperty("timersFired").GetInt64());
    }

    /// <summary><c>GET /api/admin/lifecycle</c> as one line: this process's view of the orchestrations' backlog.</summary>
    public static async Task<string> LifecycleLineAsync(HttpClient http, AppProcess app, CancellationToken cancellationToken)
    {
        var token = await ApiClient.TokenAsync(http, app.BaseAddress, "admin", cancellationToken);
        using var request = ApiClient.Get(app.BaseAddress, "api/admin/lifecycle", token);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return $"markersPending {body.GetProperty("markersPending")}, queuedHere {body.GetProperty("queuedHere")}, awaitedHere {body.GetProperty("awaitedHere")}, activityFailures {body.GetProperty("activityFailures")}";
    }

    /// <summary><c>GET /healthz</c>: its HTTP status, its status word and the activity failures it counts.</summary>
    public static async Task<(int Code, string Status, long ActivityFailures, string? RecentFailure)> HealthAsync(HttpClient http, AppProcess app, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(app.BaseAddress, "healthz"), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return ((int)response.StatusCode, body.TryGetProperty("health", out var health) ? health.GetString() ?? "?" : "?", -1, null);
        }

        var lifecycle = body.GetProperty("lifecycle");
        return ((int)response.StatusCode, body.GetProperty("status").GetString()!, lifecycle.GetProperty("activityFailures").GetInt64(),
            lifecycle.GetProperty("recentFailure").ValueKind == JsonValueKind.String ? lifecycle.GetProperty("recentFailure").GetString() : null);
    }
}
