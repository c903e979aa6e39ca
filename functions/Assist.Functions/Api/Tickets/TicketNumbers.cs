namespace Assist.Functions.Api.Tickets;

/// <summary>
/// Ticket numbers in routes are checked before they reach storage (they become partition keys): letters, digits
/// and hyphens, at most 64 characters. Anything else cannot be a ticket, so it is simply not found.
/// </summary>
public static class TicketNumbers
{
    public static bool IsPlausible(string? number) =>
        !string.IsNullOrEmpty(number) && number.Length <= 64 && number.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
