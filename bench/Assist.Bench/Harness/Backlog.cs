using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Storage.Workflow;
using Azure.Data.Tables;

namespace Assist.Bench.Harness;

/// <summary>
/// The app's lifecycle backlog: read from the app while it drains (its own counters and the marker index, cheap), then
/// checked once against its storage: every 201 has a view tracker (the projector writes it once the ticket is on its
/// desk and queue). Polling storage instead would scan Azurite's tables while the work being timed runs on it.
/// </summary>
internal sealed class Backlog(HttpClient http, Uri app, string adminToken, Engine storage)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<LifecycleReading> ReadAsync(CancellationToken cancellationToken)
    {
        using var request = ApiClient.Get(app, "api/admin/lifecycle", adminToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var status = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
        return new LifecycleReading(
            status.GetProperty("markersPending").GetInt32(),
            status.GetProperty("queuedHere").GetInt32(),
            status.GetProperty("awaitedHere").GetInt32(),
            status.GetProperty("activityFailures").GetInt64(),
            Number(status.GetProperty("scheduleDelayP50Ms")),
            Number(status.GetProperty("scheduleDelayP95Ms")));
    }

    /// <summary>Waits until the app reports nothing pending (<see cref="LifecycleReading.Settled"/>); returns how long that took.</summary>
    public async Task<TimeSpan> SettledAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!(await ReadAsync(cancellationToken)).Settled)
        {
            Check(clock);
            await Task.Delay(PollInterval, cancellationToken);
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// <see cref="SettledAsync"/>, then storage's word that each of the <paramref name="created"/> tickets is projected
    /// (one whose look failed is left to its orchestration's retries: then storage is polled, slowly, until it is done).
    /// Returns the time until settled, or until storage agreed if it had to be waited for.
    /// </summary>
    public async Task<TimeSpan> DrainAsync(int created, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await SettledAsync(cancellationToken);
        // The check itself (a scan of the trackers) is not part of the drain.
        var drained = clock.Elapsed;
        if (await UnprojectedAsync(created, cancellationToken) == 0)
        {
            return drained;
        }

        do
        {
            Check(clock);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
        while (await UnprojectedAsync(created, cancellationToken) > 0);
        return clock.Elapsed;
    }

    private static void Check(Stopwatch clock)
    {
        if (clock.Elapsed > Limit)
        {
            throw new TimeoutException($"The app did not route and project its submissions within {Limit.TotalMinutes} minutes.");
        }
    }

    /// <summary>The 201s so far minus the tickets with a view tracker.</summary>
    private async Task<int> UnprojectedAsync(int created, CancellationToken cancellationToken)
    {
        var projected = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {WorkflowKeys.ViewTracker("")} and PartitionKey lt {WorkflowKeys.PrefixEnd(WorkflowKeys.ViewTracker(""))}");
        await foreach (var _ in storage.Storage.ReadModels.QueryAsync<TableEntity>(filter, select: [nameof(TableEntity.RowKey)], cancellationToken: cancellationToken))
        {
            projected++;
        }

        return Math.Max(0, created - projected);
    }
}
