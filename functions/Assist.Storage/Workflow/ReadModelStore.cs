using Assist.Domain.Scoring;
using Assist.Storage.Directory;

namespace Assist.Storage.Workflow;

public sealed class ReadModelStore
{
    public ReadModelStore(WorkflowStorage storage, DirectoryStore directory)
    {
        _ = (storage, directory);
    }

    public Task<IReadOnlyList<TicketSummary>> ListDeskAsync(string officerId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<TicketSummary>> ListDepartmentQueueAsync(string departmentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    /// <summary>Red cards first, then by working days overdue, descending.</summary>
    public Task<IReadOnlyList<TicketSummary>> ListOverdueAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    /// <summary>Only notifications whose NotifyAt has passed (now from TimeProvider), newest first.</summary>
    public Task<IReadOnlyList<Notification>> ListNotificationsAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> MarkNotificationReadAsync(string userId, string notificationId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, DepartmentCounts>> GetMonthCountersAsync(int year, int month, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
