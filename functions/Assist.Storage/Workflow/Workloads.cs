using Assist.Domain.Organization;
using Assist.Domain.Routing;
using Assist.Storage.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Officer workloads for assignment, read from the projections: open tickets per officer are the rows of the
/// officer's desk, the round-robin cursor is the last assignment the dispatcher recorded per department.
/// </summary>
internal static class Workloads
{
    public static async Task<AssignmentSnapshot> LoadAsync(WorkflowStorage storage, OrganizationDirectory directory, string departmentId, CancellationToken cancellationToken)
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

        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await storage.ReadModels.GetEntityIfExistsAsync(WorkflowKeys.AssignmentPartition, departmentId, cancellationToken: cancellationToken) is { } cursor
            && cursor.GetString("OfficerId") is { } officerId)
        {
            last[departmentId] = officerId;
        }

        return new AssignmentSnapshot(open, last, new Dictionary<string, string>());
    }
}
