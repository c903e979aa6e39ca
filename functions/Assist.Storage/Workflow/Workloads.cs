using System.Collections.Concurrent;
using Assist.Domain.Organization;
using Assist.Domain.Routing;
using Assist.Domain.Tickets;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Workflow;

/// <summary>
/// Officer workloads for assignment, read from the projections: open tickets per officer are the rows of the
/// officer's desk, the round-robin cursor is the last assignment the dispatcher recorded per department, and the
/// designated officers (驻企特派员) are the directory's.
/// <para>
/// Counting desks costs one query per officer, so a department's counts are kept for
/// <see cref="WorkflowOptions.WorkloadCacheLifetime"/> and moved forward by this instance's own submissions (each
/// assignment it commits adds one to the officer and moves the cursor). A staff command or timer that commits marks
/// the counts stale, since it may close, reassign or return tickets; another instance's assignments show after the
/// lifetime. Assignment balances load; it does not need a count that is exact to the second.
/// </para>
/// <para>
/// Stale counts are served while one reload per department runs in the background, so a submission never waits for
/// the desks to be counted (only the very first one of a department does), and a busy minute with many submissions
/// at once counts each department once, not once per submission.
/// </para>
/// </summary>
internal sealed class Workloads(WorkflowStorage storage)
{
    private readonly ConcurrentDictionary<string, Slot> _departments = new(StringComparer.Ordinal);
    private readonly ILogger _logger = storage.Loggers.CreateLogger<Workloads>();

    /// <summary>
    /// The department's workloads with the directory's designated officers (驻企特派员); those come from the directory
    /// snapshot, not the cached counts, so an edit applies as soon as the directory shows it.
    /// </summary>
    public async Task<AssignmentSnapshot> LoadAsync(OrganizationDirectory directory, string departmentId, IReadOnlyDictionary<string, string> designatedOfficers, CancellationToken cancellationToken)
    {
        var now = storage.Time.GetUtcNow();
        var slot = _departments.GetOrAdd(departmentId, static _ => new Slot());
        Entry? cached;
        Task<Entry>? loading;
        lock (slot)
        {
            cached = slot.Entry;
            var fresh = cached is not null && !slot.Stale && now >= cached.LoadedAt && now - cached.LoadedAt < storage.Options.WorkloadCacheLifetime;
            if (!fresh && slot.Loading is null)
            {
                slot.Loading = ReloadAsync(slot, directory, departmentId, now);
            }

            loading = slot.Loading;
        }

        var entry = cached ?? await loading!.WaitAsync(cancellationToken);
        lock (entry)
        {
            return entry.Snapshot(designatedOfficers);
        }
    }

    /// <summary>Counts the assignments of a commit this instance made, so the next decision sees them before the desks do.</summary>
    public void Record(IEnumerable<TicketEvent> events)
    {
        foreach (var assigned in events.OfType<OfficerAssigned>())
        {
            if (_departments.TryGetValue(assigned.DepartmentId, out var slot) && Volatile.Read(ref slot.Entry) is { } entry)
            {
                lock (entry)
                {
                    entry.Open[assigned.OfficerId] = entry.Open.GetValueOrDefault(assigned.OfficerId) + 1;
                    entry.Last = assigned.OfficerId;
                }
            }
        }
    }

    /// <summary>Marks every department's counts stale: the next assignment reloads them (and uses the old ones meanwhile).</summary>
    public void Forget()
    {
        foreach (var slot in _departments.Values)
        {
            lock (slot)
            {
                slot.Stale = true;
            }
        }
    }

    /// <summary>Reads the department's desks on its own (not the caller's cancellation: others wait for it too), then replaces the counts.</summary>
    private Task<Entry> ReloadAsync(Slot slot, OrganizationDirectory directory, string departmentId, DateTimeOffset now) => Task.Run(async () =>
    {
        try
        {
            var entry = await ReadAsync(directory, departmentId, now, CancellationToken.None);
            lock (slot)
            {
                slot.Entry = entry;
                slot.Stale = false;
            }

            return entry;
        }
        catch (Exception exception)
        {
            // Assignments go on with the old counts (if any); the next submission tries again.
            _logger.LogWarning(exception, "Counting the desks of department {DepartmentId} failed", departmentId);
            throw;
        }
        finally
        {
            lock (slot)
            {
                slot.Loading = null;
            }
        }
    });

    private async Task<Entry> ReadAsync(OrganizationDirectory directory, string departmentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var officer in directory.UsersOf(departmentId, StaffRole.LiaisonOfficer))
        {
            var count = 0;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WorkflowKeys.Desk(officer)}");
            await foreach (var _ in storage.Views.QueryAsync<TableEntity>(filter, select: [nameof(TableEntity.RowKey)], cancellationToken: cancellationToken))
            {
                count++;
            }

            open[officer] = count;
        }

        var cursor = await storage.Views.FindAsync(WorkflowKeys.AssignmentPartition, departmentId, cancellationToken: cancellationToken);
        return new Entry(departmentId, now, open, cursor?.GetString("OfficerId"));
    }

    /// <summary>A department's counts (null until first read), whether a commit made them stale, and the reload in flight.</summary>
    private sealed class Slot
    {
        public Entry? Entry;

        public bool Stale;

        public Task<Entry>? Loading;
    }

    private sealed class Entry(string departmentId, DateTimeOffset loadedAt, Dictionary<string, int> open, string? last)
    {
        public DateTimeOffset LoadedAt { get; } = loadedAt;

        public Dictionary<string, int> Open { get; } = open;

        public string? Last { get; set; } = last;

        public AssignmentSnapshot Snapshot(IReadOnlyDictionary<string, string> designatedOfficers) => new(
            new Dictionary<string, int>(Open, StringComparer.Ordinal),
            Last is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [departmentId] = Last },
            designatedOfficers);
    }
}
