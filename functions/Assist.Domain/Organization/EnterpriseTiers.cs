using Assist.Domain.Common;

namespace Assist.Domain.Organization;

/// <summary>
/// The one list of enterprise tiers, shared by the form, the API's validation, the seeded routing rules and the
/// admin checks on rules. Tickets and rules store the ASCII code; a client may still send a tier's Chinese name
/// (重点税源企业, 规上企业, …), which is read as its code at the edge (<see cref="Normalize"/>), so rules match
/// whichever a client sends. Anything else is not a tier.
/// </summary>
public static class EnterpriseTiers
{
    public const string LargeTaxpayer = "LARGE_TAXPAYER";
    public const string AboveDesignatedSize = "ABOVE_SIZE";
    public const string General = "GENERAL";

    public static IReadOnlyList<EnterpriseTier> All { get; } =
    [
        new(LargeTaxpayer, "重点税源企业", "Large taxpayer", ValueList.Empty<string>()),
        new(AboveDesignatedSize, "规模以上企业", "Above designated size", ValueList.Of("规上企业")),
        new(General, "一般企业", "Other enterprise", ValueList.Empty<string>()),
    ];

    /// <summary>The codes, comma-separated, for messages.</summary>
    public static string Codes => string.Join(", ", All.Select(t => t.Code));

    /// <summary>The Chinese names, separated by 、, for messages.</summary>
    public static string NamesZh => string.Join("、", All.Select(t => t.NameZh));

    /// <summary>The tier a value names: its code (any case) or one of its Chinese names; null when it names none.</summary>
    public static EnterpriseTier? Find(string? value)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text)
            ? null
            : All.FirstOrDefault(t => string.Equals(t.Code, text, StringComparison.OrdinalIgnoreCase)
                || t.NameZh == text
                || t.Aliases.Contains(text));
    }

    /// <summary>
    /// The code a value stands for; a blank value stays null and a value naming no tier is returned trimmed, as is,
    /// so it matches no rule (validation refuses it before a ticket gets that far).
    /// </summary>
    public static string? Normalize(string? value)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : Find(text)?.Code ?? text;
    }
}
