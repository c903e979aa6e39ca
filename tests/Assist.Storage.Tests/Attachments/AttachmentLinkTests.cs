using System.Net;
using System.Text;
using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Storage.Attachments;
using Assist.Storage.Tests.Workflow;
using Assist.Tests;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Moq;

namespace Assist.Storage.Tests.Attachments;

/// <summary>Download links are the SDK's <see cref="Azure.Storage.Sas.BlobSasBuilder"/> SAS: account key on a connection string, user delegation key with an identity.</summary>
[Collection(UsesAzurite.Name)]
public sealed class AttachmentLinkTests(AzuriteFixture fixture)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% link test\n%%EOF\n");

    [Fact]
    public async Task CreateDownloadLinkAsync_SharedKey_ReadsWithoutCredentialsAsANamedDownloadButCannotWrite()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var attachment = await CommittedAsync(harness, "营业执照.pdf");
        using var http = new HttpClient();

        var link = await harness.Attachments.CreateDownloadLinkAsync(attachment, TimeSpan.FromMinutes(5));

        Assert.NotNull(link);
        using var read = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(Pdf, await read.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal("营业执照.pdf", read.Content.Headers.ContentDisposition?.FileNameStar);
        using var write = await http.PutAsync(link, new ByteArrayContent([1]) { Headers = { { "x-ms-blob-type", "BlockBlob" } } });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Null(await harness.Attachments.CreateDownloadLinkAsync(attachment with { Id = "../" + attachment.Id }, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task CreateAsync_PastItsExpiry_IsRefused()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var attachment = await CommittedAsync(harness, "a.pdf");
        var blob = harness.Storage.Clients.Blobs.GetBlobContainerClient(harness.Storage.Options.StorageNamePrefix!.ToLowerInvariant() + "attachments").GetBlobClient(attachment.Id);
        var anHourAgo = new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        using var http = new HttpClient();

        var expired = await new BlobReadLinks(harness.Storage.Clients.Blobs, anHourAgo).CreateAsync(blob, TimeSpan.FromMinutes(5));

        using var response = await http.GetAsync(expired);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CreateAsync_WithAnIdentity_SignsWithOneCachedUserDelegationKey()
    {
        var now = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
        var service = new Mock<BlobServiceClient>();
        service.SetupGet(s => s.AccountName).Returns("assistprod");
        service.Setup(s => s.GetUserDelegationKeyAsync(It.IsAny<DateTimeOffset?>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((DateTimeOffset? start, DateTimeOffset expiry, CancellationToken _) => Response.FromValue(
                BlobsModelFactory.UserDelegationKey("object-id", "tenant-id", start ?? now, expiry, "b", "2026-02-06", Convert.ToBase64String(new byte[32])),
                Mock.Of<Response>()));
        var links = new BlobReadLinks(service.Object, new ManualTimeProvider(now));
        // A client with no credential of its own, as with an identity: it cannot sign with an account key.
        var blob = new BlobClient(new Uri("https://assistprod.blob.core.windows.net/attachments/202612060800abc"));

        var first = await links.CreateAsync(blob, TimeSpan.FromMinutes(5), "报表.xlsx");
        var second = await links.CreateAsync(blob, TimeSpan.FromMinutes(10));

        Assert.False(blob.CanGenerateSasUri);
        service.Verify(s => s.GetUserDelegationKeyAsync(It.IsAny<DateTimeOffset?>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once());
        var query = System.Web.HttpUtility.ParseQueryString(first.Query);
        Assert.Equal("object-id", query["skoid"]);
        Assert.Equal("r", query["sp"]);
        Assert.Equal("https", query["spr"]);
        Assert.Equal("attachment; filename*=UTF-8''" + Uri.EscapeDataString("报表.xlsx"), query["rscd"]);
        Assert.False(string.IsNullOrEmpty(query["sig"]));
        Assert.Equal(now.AddMinutes(10), DateTimeOffset.Parse(System.Web.HttpUtility.ParseQueryString(second.Query)["se"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<AttachmentRef> CommittedAsync(WorkflowHarness harness, string name)
    {
        var stored = Assert.IsType<AttachmentUploadResult.Stored>(await harness.Attachments.UploadAsync(new MemoryStream(Pdf), name)).Attachment;
        await harness.SubmitAsync(WorkflowHarness.Form(attachments: ValueList.Of(stored)));
        return stored;
    }
}
