namespace Assist.Storage.Attachments;

/// <summary>
/// The accepted attachment types, one list for the store's check, its refusal messages, the form's <c>accept</c>
/// attribute and its hint. A file is accepted only when its name's extension claims one of these types and its first
/// bytes are that type; HTML or SVG named <c>.pdf</c> is refused, not stored as text.
/// </summary>
public static class AttachmentTypes
{
    public static IReadOnlyList<AttachmentType> All { get; } =
    [
        new("PDF", "PDF", AttachmentSniffer.Pdf, AttachmentSniffer.Pdf, [".pdf"]),
        new("PNG image", "PNG 图片", AttachmentSniffer.Png, AttachmentSniffer.Png, [".png"]),
        new("JPEG image", "JPEG 图片", AttachmentSniffer.Jpeg, AttachmentSniffer.Jpeg, [".jpg", ".jpeg"]),
        new("Word document", "Word 文档", AttachmentSniffer.Docx, AttachmentSniffer.OfficeZip, [".docx"]),
        new("Excel workbook", "Excel 表格", AttachmentSniffer.Xlsx, AttachmentSniffer.OfficeZip, [".xlsx"]),
        new("UTF-8 plain text", "UTF-8 纯文本", AttachmentSniffer.Text, AttachmentSniffer.Text, [".txt"]),
    ];

    /// <summary>For <c>&lt;input type="file" accept="…"&gt;</c>: every accepted extension.</summary>
    public static string AcceptAttribute { get; } = string.Join(",", All.SelectMany(t => t.Extensions));

    /// <summary>"PDF (.pdf), PNG image (.png), …" in English or Chinese.</summary>
    public static string Describe(bool chinese) => string.Join(chinese ? "、" : ", ", All.Select(t => t.Describe(chinese)));

    /// <summary>The type a file name claims by its extension (case-insensitive), or null when it claims none of them.</summary>
    public static AttachmentType? ClaimedBy(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "");
        return extension.Length == 0
            ? null
            : All.FirstOrDefault(t => t.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
    }
}
