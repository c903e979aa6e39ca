using System.Text.Unicode;

namespace Assist.Storage.Attachments;

/// <summary>The file types an upload may be, told by their first bytes (never by the client's name or Content-Type).</summary>
internal static class AttachmentSniffer
{
    /// <summary>Enough bytes to see every signature, including the first entry name of an Office zip.</summary>
    public const int PrefixLength = 64;

    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string OfficeZip = "application/vnd.openxmlformats-officedocument";
    public const string Text = "text/plain; charset=utf-8";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] ContentTypesEntry = "[Content_Types].xml"u8.ToArray();

    /// <summary>The type of content starting with <paramref name="prefix"/>, or null when it is none of the allowed ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> prefix, string? fileName)
    {
        if (prefix.StartsWith(PdfMagic))
        {
            return Pdf;
        }

        if (prefix.StartsWith(PngMagic))
        {
            return Png;
        }

        if (prefix.StartsWith(JpegMagic))
        {
            return Jpeg;
        }

        // Office Open XML: a zip whose first entry (name at offset 30 of the local header) is [Content_Types].xml.
        if (prefix.StartsWith(ZipMagic) && prefix.Length >= 30 + ContentTypesEntry.Length && prefix.Slice(30, ContentTypesEntry.Length).SequenceEqual(ContentTypesEntry))
        {
            // Word or Excel cannot be told apart from the first bytes; the (already sanitised) extension picks the label.
            return Path.GetExtension(fileName ?? "").Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? Xlsx : Docx;
        }

        return prefix.StartsWith(ZipMagic) || prefix.Contains((byte)0) || !IsUtf8Prefix(prefix) ? null : Text;
    }

    /// <summary>Valid UTF-8, allowing a multi-byte character cut off at the end of the prefix.</summary>
    private static bool IsUtf8Prefix(ReadOnlySpan<byte> prefix)
    {
        for (var cut = 0; cut < 4 && cut <= prefix.Length; cut++)
        {
            if (Utf8.IsValid(prefix[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
