namespace Assist.Domain.Tickets;

public sealed record Closure(ClosureKind Kind, SatisfactionRating? Rating, DateTimeOffset ClosedAt);
