namespace Assist.Domain.Tickets;

/// <summary>Why a ticket was escalated to HQ (提级).</summary>
public enum EscalationTrigger
{
    SupervisorOrder,
    Overdue,
    RepeatedRejection,
}
