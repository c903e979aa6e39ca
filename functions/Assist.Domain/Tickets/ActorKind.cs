namespace Assist.Domain.Tickets;

public enum ActorKind
{
    /// <summary>The enterprise, holding the ticket's tracking code (no account).</summary>
    Enterprise,

    Staff,

    /// <summary>The app itself: timers, automatic routing and assignment.</summary>
    System,
}
