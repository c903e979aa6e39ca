using Assist.Domain.Ledger;
using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>Carries out a ticket's committed outbox. Swappable so a test can make dispatch fail after the commit (crash simulation).</summary>
public interface IOutboxDispatcher
{
    /// <summary>Reads the ticket's head, events and outbox rows, and carries the outbox out.</summary>
    Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the ticket and projects every one of its events (each effect is idempotent), then removes any outbox rows:
    /// for a submission, whose first commit writes no outbox row (its pending-dispatch marker stands for it), when the
    /// marker comes due before the submission was projected.
    /// </summary>
    Task DispatchHistoryAsync(string ticketNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Carries out the outbox of a commit whose whole history the caller holds (a submission: its events are the
    /// ticket's history), without reading the partition back.
    /// </summary>
    Task DispatchCommittedAsync(CommittedBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.FromVersion == 1
            ? DispatchHistoryAsync(batch.Record.Number, cancellationToken)
            : DispatchAsync(batch.Record.Number, cancellationToken);
    }
}

/// <summary>A commit as its writer knows it: the head after it, every event of the ticket, and the outbox rows it added (none for a first commit).</summary>
public sealed record CommittedBatch(TicketRecord Record, IReadOnlyList<(LedgerEntry Entry, TicketEvent Event)> History, int FromVersion, IReadOnlyList<string> OutboxRows);
