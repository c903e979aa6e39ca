using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Microsoft.Extensions.Options;

namespace Assist.Storage.Attachments;

public sealed class AttachmentStore
{
    public AttachmentStore(WorkflowStorage storage, IOptions<AttachmentOptions> options)
    {
        _ = (storage, options);
    }

    public Task<AttachmentUploadResult> UploadAsync(Stream content, string? fileName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task CommitAsync(string ticketNumber, IEnumerable<AttachmentRef> attachments, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DiscardAsync(IEnumerable<AttachmentRef> attachments, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<AttachmentDownload?> OpenReadAsync(string attachmentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
