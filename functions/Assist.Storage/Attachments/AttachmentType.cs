namespace Assist.Storage.Attachments;

/// <summary>
/// One accepted attachment type: how people call it (English, Chinese), the content type it is stored and served as,
/// the family the sniffer tells from its first bytes, and the file-name extensions that claim it.
/// </summary>
public sealed record AttachmentType(string Name, string NameZh, string ContentType, string Sniffed, IReadOnlyList<string> Extensions)
{
    /// <summary>"PDF (.pdf)" / "PDF（.pdf）": the type with the extensions that claim it.</summary>
    public string Describe(bool chinese) => chinese
        ? $"{NameZh}（{string.Join("、", Extensions)}）"
        : $"{Name} ({string.Join(", ", Extensions)})";
}
