using Assist.Storage.Attachments;
using Assist.Storage.Directory;

namespace Assist.Storage.Workflow;

public sealed class OutboxDispatcher : IOutboxDispatcher
{
    public OutboxDispatcher(WorkflowStorage storage, DirectoryStore directory, AttachmentStore attachments)
    {
        _ = (storage, directory, attachments);
    }

    public Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
