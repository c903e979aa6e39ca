namespace Assist.Domain.Policies;

/// <summary>Every number of the lifecycle, as data an administrator edits.</summary>
public sealed record TicketPolicies(
    SlaPolicies Sla,
    EscalationLadder Ladder,
    ExtensionPolicy Extension,
    ReturnPolicy Return,
    ConfirmationPolicy Confirmation);
