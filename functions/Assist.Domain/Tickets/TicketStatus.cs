namespace Assist.Domain.Tickets;

public enum TicketStatus
{
    /// <summary>No event yet.</summary>
    New,

    /// <summary>受理: waiting for the HQ office to route it by hand.</summary>
    Submitted,

    /// <summary>派单: waiting for the lead department to sign in.</summary>
    Routed,

    /// <summary>办理中: the lead department signed in.</summary>
    InProgress,

    /// <summary>待补充: waiting for the enterprise; the resolution clock is paused.</summary>
    AwaitingInformation,

    /// <summary>已答复: waiting for the enterprise to confirm and rate.</summary>
    Replied,

    /// <summary>退单待审: a supervisor decides on the department's return.</summary>
    ReturnRequested,

    /// <summary>办结 / 销号.</summary>
    Closed,
}
