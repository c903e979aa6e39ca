using System.Text;
using System.Text.Unicode;

namespace Assist.Storage.Attachments;

/// <summary>What an upload is, told by its first bytes (never by the client's name or Content-Type).</summary>
internal static class AttachmentSniffer
{
    /// <summary>
    /// Enough bytes to see every signature, including the first entry name of an Office zip, and markup behind
    /// leading whitespace.
    /// </summary>
    public const int PrefixLength = 512;

    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string OfficeZip = "application/vnd.openxmlformats-officedocument";
    public const string Text = "text/plain; charset=utf-8";

    /// <summary>UTF-8 text that a browser would take for HTML or XML (SVG): never an accepted type.</summary>
    public const string Markup = "text/html";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] ContentTypesEntry = "[Content_Types].xml"u8.ToArray();

    // WHATWG MIME Sniffing's HTML signatures (each followed by a tag-ending byte) plus SVG, matched case-insensitively
    // after leading whitespace; a comment or an XML declaration is markup whatever follows.
    private static readonly byte[][] TagSignatures = [.. new[]
    {
        "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE",
        "<TITLE", "<B", "<BODY", "<BR", "<P", "<SVG",
    }.Select(Encoding.ASCII.GetBytes)];

    private static readonly byte[][] OpeningSignatures = [.. new[] { "<!--", "<?XML" }.Select(Encoding.ASCII.GetBytes)];

    /// <summary>
    /// The family of content starting with <paramref name="prefix"/>: <see cref="Pdf"/>, <see cref="Png"/>,
    /// <see cref="Jpeg"/>, <see cref="OfficeZip"/>, <see cref="Text"/> or <see cref="Markup"/>; null when it is none of them.
    /// </summary>
    public static string? Sniff(ReadOnlySpan<byte> prefix)
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
        // Word and Excel cannot be told apart from the first bytes; the name's extension picks which one it is.
        if (prefix.StartsWith(ZipMagic) && prefix.Length >= 30 + ContentTypesEntry.Length && prefix.Slice(30, ContentTypesEntry.Length).SequenceEqual(ContentTypesEntry))
        {
            return OfficeZip;
        }

        if (prefix.StartsWith(ZipMagic) || prefix.Contains((byte)0) || !IsUtf8Prefix(prefix))
        {
            return null;
        }

        return IsMarkup(prefix) ? Markup : Text;
    }

    private static bool IsMarkup(ReadOnlySpan<byte> prefix)
    {
        var text = prefix.StartsWith(Utf8Bom) ? prefix[Utf8Bom.Length..] : prefix;
        text = text.TrimStart(" \t\n\r\f"u8);
        foreach (var signature in OpeningSignatures)
        {
            if (text.Length >= signature.Length && Ascii.EqualsIgnoreCase(text[..signature.Length], signature))
            {
                return true;
            }
        }

        foreach (var signature in TagSignatures)
        {
            if (text.Length >= signature.Length
                && Ascii.EqualsIgnoreCase(text[..signature.Length], signature)
                && (text.Length == signature.Length || IsTagEnd(text[signature.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTagEnd(byte b) => b is (byte)' ' or (byte)'>' or (byte)'/' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f';

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
