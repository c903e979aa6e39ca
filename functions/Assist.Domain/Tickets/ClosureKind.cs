namespace Assist.Domain.Tickets;

public enum ClosureKind
{
    /// <summary>The enterprise confirmed and rated (销号).</summary>
    Confirmed,

    /// <summary>No answer within the confirmation window: 未评价, excluded from the satisfaction denominator.</summary>
    Unrated,
}
