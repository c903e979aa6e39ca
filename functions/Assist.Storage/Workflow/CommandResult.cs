using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>What became of a command sent to a stored ticket.</summary>
public abstract record CommandResult
{
    private CommandResult()
    {
    }

    /// <summary>Committed; <see cref="NewEvents"/> may be empty when the decider had nothing to do (e.g. a timer no longer held).</summary>
    public sealed record Accepted(TicketRecord Ticket, IReadOnlyList<TicketEvent> NewEvents) : CommandResult;

    public sealed record Rejected(Rejection Rejection, TicketRecord Ticket) : CommandResult;

    public sealed record NotFound : CommandResult;

    /// <summary>The caller expected another version (HTTP <c>If-Match</c>): nothing was decided.</summary>
    public sealed record VersionMismatch(int CurrentVersion) : CommandResult;
}
