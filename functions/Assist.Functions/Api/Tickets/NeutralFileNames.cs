using Assist.Domain.Tickets;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// Attachment names for callers who may not see a confidential (保密) enterprise: a file name often carries who the
/// enterprise is (营业执照-某某公司.pdf), so departments see "附件1.pdf" / "Attachment 1.pdf" — numbered in the ticket's
/// order of attachments, the extension kept when it is plain — while overseers see the name as uploaded.
/// </summary>
public static class NeutralFileNames
{
    private const int MaxExtensionLength = 8;

    /// <summary>The neutral name of the <paramref name="ordinal"/>-th attachment (1-based).</summary>
    public static string For(int ordinal, string fileName, bool chinese)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        var extension = Path.GetExtension(fileName ?? "");
        var plain = extension.Length is > 1 and <= MaxExtensionLength && extension.Skip(1).All(char.IsAsciiLetterOrDigit);
        var suffix = plain ? extension.ToLowerInvariant() : "";
        return chinese
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"附件{ordinal}{suffix}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Attachment {ordinal}{suffix}");
    }

    /// <summary>Attachment id → neutral name, for every attachment of a ticket (in <see cref="TicketViewMapper.Attachments"/> order).</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyList<AttachmentRef> attachments, bool chinese)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < attachments.Count; i++)
        {
            names.TryAdd(attachments[i].Id, For(i + 1, attachments[i].FileName, chinese));
        }

        return names;
    }
}
