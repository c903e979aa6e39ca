using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

public abstract record SubmitResult
{
    private SubmitResult()
    {
    }

    public sealed record Created(TicketRecord Ticket) : SubmitResult;

    /// <summary>
    /// The same Idempotency-Key was seen: the first ticket, and the payload stored with it (the HTTP layer
    /// keeps the protected 201 body there, so a retry gets the same number and tracking code).
    /// </summary>
    public sealed record Replayed(TicketRecord Ticket, string? IdempotencyPayload) : SubmitResult;

    public sealed record Rejected(Rejection Rejection) : SubmitResult;

    /// <summary>
    /// The Idempotency-Key was first used with a different form: nothing is created. <see cref="TicketNumber"/> is the
    /// ticket the key created, or null when its first use never committed one.
    /// </summary>
    public sealed record KeyMismatch(string? TicketNumber) : SubmitResult;
}
