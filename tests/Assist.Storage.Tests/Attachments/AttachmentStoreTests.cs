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
    };

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

    [Fact]
    public async Task UploadAsync_TypesByMagicBytes_NotByNameOrClaim()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var pdf = await StoreAsync(harness, Pdf, "名单.txt");
        var png = await StoreAsync(harness, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "photo.jpg");
        var jpeg = await StoreAsync(harness, [0xFF, 0xD8, 0xFF, 0xE0, 0, 16], "scan.jpeg");
        var text = await StoreAsync(harness, Encoding.UTF8.GetBytes("企业情况说明：贷款尚未发放。"), "说明.txt");
        var xlsx = await StoreAsync(harness, OfficeZip(), "报表.xlsx");

        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.Equal("名单.txt", pdf.FileName);
        Assert.Equal("image/png", png.ContentType);
        Assert.Equal("image/jpeg", jpeg.ContentType);
        Assert.StartsWith("text/plain", text.ContentType, StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), pdf.Sha256);
        Assert.Equal(Pdf.Length, pdf.Size);
        Assert.DoesNotContain("名单", pdf.Id, StringComparison.Ordinal);
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
