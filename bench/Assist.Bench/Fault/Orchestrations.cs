using System.Diagnostics;
using System.Text.Json;
using Assist.Bench.Harness;
using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Assist.Bench.Fault;

/// <summary>An orchestration as the task hub's Instances table shows it: status, and the custom status of its last look.</summary>
internal sealed record OrchestrationRow(string Ticket, string RuntimeStatus, int? Version, DateTimeOffset? LookedAt);

/// <summary>Every ticket the Tickets table holds, as its head says it is.</summary>
internal sealed record StoredTicket(string Number, TicketState State);

/// <summary>Where the ticket orchestrations stand, read from storage after (or while) a fault run: what every process sees alike.</summary>
internal sealed record LifecycleSnapshot(
    IReadOnlyDictionary<string, OrchestrationRow> Instances,
    IReadOnlyDictionary<string, StoredTicket> Tickets,
    IReadOnlyList<string> PendingMarkers)
{
    /// <summary>An open ticket is settled once its orchestration looked at it on or after <paramref name="since"/>; a closed one once it completed.</summary>
    public bool IsSettled(StoredTicket ticket, DateTimeOffset since) =>
        Instances.GetValueOrDefault(ticket.Number) is { } instance && (ticket.State.Status == TicketStatus.Closed
            ? instance.RuntimeStatus == "Completed"
            : instance.RuntimeStatus is "Running" or "Pending" && instance.LookedAt >= since);

    /// <summary>Timers the ticket still holds that were due by <paramref name="clock"/>: its orchestration has not fired them (yet).</summary>
    public static IEnumerable<TicketTimer> HeldDue(StoredTicket ticket, DateTimeOffset clock) =>
        TicketDecider.Timers(ticket.State).Where(t => t.DueAt <= clock);

    public IEnumerable<StoredTicket> Unsettled(DateTimeOffset since) =>
        Tickets.Values.Where(t => !IsSettled(t, since) || HeldDue(t, since).Any());
}

/// <summary>
/// Reads the ticket orchestrations' state straight from storage — the Durable task hub's Instances and Partitions
/// tables, the ticket heads and the scheduling markers — so a run can wait until the engine has done everything
/// the last clock move made due, whichever process did it, and the verifier can check it afterwards.
/// </summary>
internal sealed class Orchestrations(string connectionString)
{
    private readonly TableClient _instances = new(connectionString, FaultEngine.HubName + "Instances");
    private readonly TableClient _partitions = new(connectionString, FaultEngine.HubName + "Partitions");
    private readonly TableClient _history = new(connectionString, FaultEngine.HubName + "History");

    public async Task<LifecycleSnapshot> ReadAsync(Engine engine, CancellationToken cancellationToken)
    {
        var instances = new Dictionary<string, OrchestrationRow>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in _instances.QueryAsync<TableEntity>(select: [nameof(TableEntity.PartitionKey), "RuntimeStatus", "CustomStatus"], cancellationToken: cancellationToken))
            {
                int? version = null;
                DateTimeOffset? lookedAt = null;
                if (row.GetString("CustomStatus") is { Length: > 0 } custom)
                {
                    // The orchestration's TicketLifecycleStatus: the version and app-clock instant of its last look
                    // ("null" before the first look of a generation).
                    using var status = JsonDocument.Parse(custom);
                    if (status.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        version = status.RootElement.GetProperty("Version").GetInt32();
                        lookedAt = status.RootElement.GetProperty("AsOf").GetDateTimeOffset();
                    }
                }

                instances[row.PartitionKey] = new OrchestrationRow(row.PartitionKey, row.GetString("RuntimeStatus") ?? "", version, lookedAt);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No task hub yet: no orchestration was ever scheduled.
        }

        var tickets = new Dictionary<string, StoredTicket>(StringComparer.Ordinal);
        var heads = TableClient.CreateQueryFilter($"RowKey ge {WorkflowKeys.HeadPrefix} and RowKey lt {WorkflowKeys.PrefixEnd(WorkflowKeys.HeadPrefix)}");
        await foreach (var head in engine.Storage.Tickets.QueryAsync<TableEntity>(heads, cancellationToken: cancellationToken))
        {
            var record = TicketRows.Record(head);
            tickets[record.Number] = new StoredTicket(record.Number, record.State);
        }

        var markers = await PendingMarkersAsync(engine, cancellationToken);
        return new LifecycleSnapshot(instances, tickets, markers);
    }

    /// <summary>Tickets whose submissions are still marked as not scheduled (the scheduler or the repair sweep drops the marker).</summary>
    public static async Task<List<string>> PendingMarkersAsync(Engine engine, CancellationToken cancellationToken)
    {
        var markers = new List<string>();
        var dispatch = TableClient.CreateQueryFilter($"RowKey ge {WorkflowKeys.DispatchPrefix} and RowKey lt {WorkflowKeys.PrefixEnd(WorkflowKeys.DispatchPrefix)}");
        await foreach (var marker in engine.Storage.DueTimers.QueryAsync<TableEntity>(dispatch, select: [nameof(TableEntity.RowKey), "Ticket"], cancellationToken: cancellationToken))
        {
            markers.Add(marker.GetString("Ticket") ?? marker.RowKey[WorkflowKeys.DispatchPrefix.Length..]);
        }

        return markers;
    }

    /// <summary>An orchestration's history rows in brief (event types by execution), to tell why it is late.</summary>
    public async Task<string> HistoryAsync(string ticket, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        await foreach (var row in _history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ticket}"), cancellationToken: cancellationToken))
        {
            var execution = row.GetString("ExecutionId") is { Length: >= 4 } id ? id[..4] : "?";
            rows.Add(row.RowKey == "sentinel" ? $"sentinel({execution})" : $"{row.GetString("EventType")}#{row.GetInt32("TaskScheduledId") ?? row.GetInt32("EventId")}({execution})");
        }

        return rows.Count == 0 ? "no rows" : string.Join(" ", rows);
    }

    /// <summary>A ticket still waited for, as the engine shows it.</summary>
    public static string Describe(LifecycleSnapshot snapshot, StoredTicket ticket) =>
        snapshot.Instances.GetValueOrDefault(ticket.Number) is { } instance
            ? $"{ticket.Number} v{ticket.State.Version} {ticket.State.Status}: orchestration {instance.RuntimeStatus}, last look at v{instance.Version} {instance.LookedAt:MM-dd HH:mm:ss}"
            : $"{ticket.Number} v{ticket.State.Version} {ticket.State.Status}: no orchestration";

    /// <summary>Who holds each control queue's lease (worker ids carry the process id), e.g. for two instances.</summary>
    public async Task<IReadOnlyList<(string Partition, string? Owner)>> PartitionOwnersAsync(CancellationToken cancellationToken)
    {
        var owners = new List<(string, string?)>();
        await foreach (var row in _partitions.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            owners.Add((row.RowKey, row.GetString("CurrentOwner")));
        }

        return owners;
    }

    /// <summary>
    /// Waits until the engine has caught up with the clock at <paramref name="since"/>: every stored ticket's
    /// orchestration has looked at it since (or completed with it), no ticket holds a timer due by then, and no
    /// submission is still marked as not scheduled (the repair sweep takes those up). Prints progress; returns the
    /// last snapshot and whether it settled within <paramref name="timeout"/>.
    /// </summary>
    public async Task<(LifecycleSnapshot Snapshot, bool Settled, TimeSpan Took)> SettleAsync(Engine engine, DateTimeOffset since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        while (true)
        {
            var snapshot = await ReadAsync(engine, cancellationToken);
            var waiting = snapshot.Unsettled(since).ToList();
            var unsettled = waiting.Count;
            if (unsettled == 0 && snapshot.PendingMarkers.Count == 0)
            {
                return (snapshot, true, clock.Elapsed);
            }

            if (clock.Elapsed > timeout)
            {
                return (snapshot, false, clock.Elapsed);
            }

            if (clock.Elapsed - reported >= TimeSpan.FromSeconds(15))
            {
                reported = clock.Elapsed;
                Console.WriteLine($"    … {clock.Elapsed.TotalSeconds,4:N0} s: {snapshot.Tickets.Count - unsettled:N0}/{snapshot.Tickets.Count:N0} tickets looked at since {since:MM-dd HH:mm}, {snapshot.PendingMarkers.Count} submissions still marked" +
                                  (unsettled is > 0 and <= 3 ? "; waiting for " + string.Join("; ", waiting.Select(t => Describe(snapshot, t))) : ""));
                if (unsettled is > 0 and <= 3 && clock.Elapsed > TimeSpan.FromSeconds(30))
                {
                    foreach (var ticket in waiting)
                    {
                        Console.WriteLine($"      history of {ticket.Number}: {await HistoryAsync(ticket.Number, cancellationToken)}");
                    }
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }
}
