using Assist.Domain.Common;

namespace Assist.Domain.Tickets;

/// <summary>The outcome of <see cref="TicketDecider.Decide"/>: events to append (possibly none), or a rejection.</summary>
public sealed record Decision(ValueList<TicketEvent> Events, Rejection? Rejection)
{
    public bool IsAccepted => Rejection is null;

    public static Decision Accept(params IEnumerable<TicketEvent> events) => new(events.ToValueList(), null);

    public static Decision Reject(Rejection rejection) => new(ValueList.Empty<TicketEvent>(), rejection);

    public static Decision Reject(string code, string reason, string reasonZh) => Reject(new Rejection(code, reason, reasonZh));
}
