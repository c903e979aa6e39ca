using Assist.Storage.Attachments;
using Assist.Storage.Directory;

namespace Assist.Storage.Workflow;

public sealed class TicketService
{
    private readonly WorkflowStorage _storage;

    public TicketService(WorkflowStorage storage, DirectoryStore directory, IOutboxDispatcher dispatcher, AttachmentStore attachments, WebhookDelivery webhooks)
    {
        _storage = storage;
        _ = (directory, dispatcher, attachments, webhooks);
    }

    public Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException(_storage.ToString());

    public Task<CommandResult> ExecuteAsync(string ticketNumber, Func<Assist.Domain.Tickets.TicketState, Assist.Domain.Tickets.TicketCommand> command, int? expectedVersion = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TicketRecord?> GetAsync(string ticketNumber, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TicketLedger?> GetLedgerAsync(string ticketNumber, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<SweepReport> SweepAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<RebuildReport> RebuildProjectionsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
