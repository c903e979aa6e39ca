using System.Collections.Concurrent;
using Assist.Domain.Organization;
using Assist.Domain.Routing;
using Assist.Domain.Tickets;
using Assist.Storage.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Officer workloads for assignment, read from the projections: open tickets per officer are the rows of the
/// officer's desk, the round-robin cursor is the last assignment the dispatcher recorded per department.
/// <para>
/// Counting desks costs one query per officer, so a department's counts are kept for
/// <see cref="WorkflowOptions.WorkloadCacheLifetime"/> and moved forward by this instance's own submissions (each
/// assignment it commits adds one to the officer and moves the cursor). A staff command or timer that commits drops
/// the cache, since it may close, reassign or return tickets; another instance's assignments show after the lifetime.
/// Assignment balances load; it does not need a count that is exact to the second.
/// </para>
/// </summary>
internal sealed class Workloads(WorkflowStorage storage)
{
    private readonly ConcurrentDictionary<string, Entry> _departments = new(StringComparer.Ordinal);

    public async Task<AssignmentSnapshot> LoadAsync(OrganizationDirectory directory, string departmentId, CancellationToken cancellationToken)
    {
        var now = storage.Time.GetUtcNow();
        if (_departments.TryGetValue(departmentId, out var cached) && now >= cached.LoadedAt && now - cached.LoadedAt < storage.Options.WorkloadCacheLifetime)
        {
            lock (cached)
            {
                return cached.Snapshot();
            }
        }

        var entry = await ReadAsync(directory, departmentId, now, cancellationToken);
        _departments[departmentId] = entry;
        lock (entry)
        {
            return entry.Snapshot();
        }
    }

    /// <summary>Counts the assignments of a commit this instance made, so the next decision sees them before the desks do.</summary>
    public void Record(IEnumerable<TicketEvent> events)
    {
        foreach (var assigned in events.OfType<OfficerAssigned>())
        {
            if (_departments.TryGetValue(assigned.DepartmentId, out var entry))
            {
                lock (entry)
                {
                    entry.Open[assigned.OfficerId] = entry.Open.GetValueOrDefault(assigned.OfficerId) + 1;
                    entry.Last = assigned.OfficerId;
                }
            }
        }
    }

    public void Forget() => _departments.Clear();

    private async Task<Entry> ReadAsync(OrganizationDirectory directory, string departmentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var officer in directory.UsersOf(departmentId, StaffRole.LiaisonOfficer))
        {
            var count = 0;
            var filter = TableFilter.Create($"PartitionKey eq {WorkflowKeys.Desk(officer)}");
            await foreach (var _ in storage.ReadModels.QueryAsync(filter, select: [TableEntity.RowKeyName], cancellationToken: cancellationToken))
            {
                count++;
            }

            open[officer] = count;
        }

        var cursor = await storage.ReadModels.GetEntityIfExistsAsync(WorkflowKeys.AssignmentPartition, departmentId, cancellationToken: cancellationToken);
        return new Entry(departmentId, now, open, cursor?.GetString("OfficerId"));
    }

    private sealed class Entry(string departmentId, DateTimeOffset loadedAt, Dictionary<string, int> open, string? last)
    {
        public DateTimeOffset LoadedAt { get; } = loadedAt;

        public Dictionary<string, int> Open { get; } = open;

        public string? Last { get; set; } = last;

        public AssignmentSnapshot Snapshot() => new(
            new Dictionary<string, int>(Open, StringComparer.Ordinal),
            Last is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [departmentId] = Last },
            new Dictionary<string, string>());
    }
}
