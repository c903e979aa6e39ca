using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>
/// What a staff list (desk, department queue, overdue board) is narrowed to; every part optional, all combined.
/// <see cref="Text"/> is a ticket number (<see cref="IsTicketNumber"/>: one or two point reads), an 18-character credit
/// code (a column filter), else a part of the enterprise's name (matched while the one partition is read). Rows of
/// confidential tickets hold neither name nor code, so a search by enterprise never finds them.
/// </summary>
public sealed record TicketSearch
{
    /// <summary>The longest <see cref="Text"/> accepted: longer than any enterprise name a form takes.</summary>
    public const int MaxTextLength = 100;

    /// <summary>The longest <see cref="OfficerId"/> accepted.</summary>
    public const int MaxOfficerIdLength = 128;

    public static readonly TicketSearch None = new();

    public string? Text { get; init; }

    public string? OfficerId { get; init; }

    public TicketStatus? Status { get; init; }

    /// <summary>Nothing to narrow: the plain list.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Text) && string.IsNullOrEmpty(OfficerId) && Status is null;

    /// <summary>
    /// Text the lists can search for: not empty, at most <see cref="MaxTextLength"/> characters, no control characters
    /// (the caller trims it first).
    /// </summary>
    public static bool IsAcceptableText(string text) =>
        text.Length is > 0 and <= MaxTextLength && !text.Any(char.IsControl);

    /// <summary>An officer id the lists can filter by (any other cannot own a ticket).</summary>
    public static bool IsAcceptableOfficerId(string officerId) =>
        officerId.Length is > 0 and <= MaxOfficerIdLength && !officerId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));

    /// <summary>
    /// Whether <paramref name="text"/> is a whole ticket number rather than part of a name: letters, digits and hyphens,
    /// beginning with at least four digits (after at most one letter, as the seeded numbers <c>B260302-0000001</c> do)
    /// and a hyphen, like <c>2026-0212-7K3M9Q</c>. No enterprise name or credit code looks like that.
    /// </summary>
    public static bool IsTicketNumber(string text)
    {
        if (!TicketService.IsTicketNumber(text))
        {
            return false;
        }

        var start = char.IsAsciiLetter(text[0]) ? 1 : 0;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash - start >= 4 && text[start..dash].All(char.IsAsciiDigit) && dash < text.Length - 1;
    }

    /// <summary>Whether <paramref name="text"/> is shaped like a unified social credit code (18 letters and digits).</summary>
    public static bool IsCreditCode(string text) => text.Length == 18 && text.All(char.IsAsciiLetterOrDigit);
}
