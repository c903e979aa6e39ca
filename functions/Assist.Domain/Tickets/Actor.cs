namespace Assist.Domain.Tickets;

/// <summary>Who did something: a staff user id, the enterprise of the ticket, or the system.</summary>
public sealed record Actor(ActorKind Kind, string Id)
{
    public static Actor System { get; } = new(ActorKind.System, "system");

    public static Actor Enterprise { get; } = new(ActorKind.Enterprise, "enterprise");

    public static Actor Staff(string userId) => new(ActorKind.Staff, userId);
}
