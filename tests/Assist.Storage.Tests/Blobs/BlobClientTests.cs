using System.Security.Cryptography;
using System.Text;
using Assist.Storage.Blobs;
using Assist.Storage.Pipeline;
using Assist.Tests;
using Azure;

namespace Assist.Storage.Tests.Blobs;

[Collection(UsesAzurite.Name)]
public sealed class BlobClientTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output)
{
    private async Task<(BlobContainerClient Container, StorageMetering Metering)> NewContainerAsync()
    {
        var clients = StorageTestClients.For(azurite);
        var container = clients.Blobs.GetBlobContainerClient(StorageTestClients.UniqueName("c"));
        Assert.True(await container.CreateIfNotExistsAsync());
        return (container, clients.Metering);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Container_IsPrivate()
    {
        var (container, _) = await NewContainerAsync();
        var blob = container.GetBlobClient("secret.txt");
        await blob.UploadAsync(BinaryData.FromString("secret"));
        using var anonymous = new HttpClient();

        using var response = await anonymous.GetAsync(blob.Uri);

        Assert.False(await container.CreateIfNotExistsAsync());
        Assert.False(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task UploadAsync_SmallContent_OneRequestAndRoundTrips()
    {
        var (container, metering) = await NewContainerAsync();
        var blob = container.GetBlobClient("folder/报告 1.txt");
        var before = metering.Snapshot();

        var info = await blob.UploadAsync(BinaryData.FromString("你好, storage"), new BlobUploadOptions { ContentType = "text/plain; charset=utf-8", Metadata = new Dictionary<string, string> { ["ticket"] = "T-1" } });
        var uploads = metering.Snapshot().Since(before);
        var content = await blob.DownloadContentAsync();
        var properties = await blob.GetPropertiesAsync();

        Assert.Equal(1, uploads[StorageOperationKind.BlobPut]);
        Assert.Equal(1, uploads.Total);
        Assert.Equal("你好, storage", content.ToString());
        Assert.Equal(info.ETag, properties.ETag);
        Assert.Equal("text/plain; charset=utf-8", properties.ContentType);
        Assert.Equal(Encoding.UTF8.GetByteCount("你好, storage"), properties.ContentLength);
        Assert.Equal("T-1", properties.Metadata["ticket"]);
    }

    [Fact]
    public async Task UploadAsync_OverwriteFalse_ExistingBlobFails409()
    {
        var (container, _) = await NewContainerAsync();
        var blob = container.GetBlobClient("once");
        await blob.UploadAsync(BinaryData.FromString("first"));

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("second"), new BlobUploadOptions { Overwrite = false }));

        Assert.Equal(409, failure.Status);
        Assert.Equal(StorageErrorCode.BlobAlreadyExists, failure.ErrorCode);
        Assert.Equal("first", (await blob.DownloadContentAsync()).ToString());
    }

    [Fact]
    public async Task UploadAsync_LargerThanBlock_StagesBlocksAndCommits()
    {
        var (container, metering) = await NewContainerAsync();
        var blob = container.GetBlobClient("staged.bin");
        using var source = new GeneratedStream(1_000_000, seed: 7);
        var before = metering.Snapshot();

        await blob.UploadAsync(source, new BlobUploadOptions { BlockSize = 256 * 1024 });
        var uploads = metering.Snapshot().Since(before);
        await using var download = await blob.DownloadStreamingAsync();

        Assert.Equal(4, uploads[StorageOperationKind.BlobPutBlock]);
        Assert.Equal(1, uploads[StorageOperationKind.BlobPutBlockList]);
        Assert.Equal(1_000_000, download.Details.ContentLength);
        Assert.Equal(source.Hash(), await SHA256.HashDataAsync(download.Content));
    }

    [Fact]
    public async Task UploadAndDownload_120MB_StreamsWithBoundedMemory()
    {
        const long size = 120L * 1024 * 1024;
        var (container, _) = await NewContainerAsync();
        var blob = container.GetBlobClient("large.bin");
        using var source = new GeneratedStream(size, seed: 42);
        // Warm up the pipeline and the block buffer so the measurement sees steady-state allocations only.
        await container.GetBlobClient("warm-up").UploadAsync(new GeneratedStream(5 * 1024 * 1024, seed: 1));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        await blob.UploadAsync(source);
        byte[] downloadedHash;
        await using (var download = await blob.DownloadStreamingAsync())
        {
            downloadedHash = await SHA256.HashDataAsync(download.Content);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"Allocated {allocated / 1024} KiB to upload and download {size / (1024 * 1024)} MiB.");

        Assert.Equal(source.Hash(), downloadedHash);
        Assert.Equal(size, (await blob.GetPropertiesAsync()).ContentLength);
        // 240 MB moved through the client; buffering either direction would allocate at least 120 MB.
        Assert.True(allocated < 32L * 1024 * 1024, $"Allocated {allocated / (1024 * 1024)} MiB while streaming {size / (1024 * 1024)} MiB up and down.");
    }

    [Fact]
    public async Task DownloadStreamingAsync_Range_ReturnsThoseBytesOnly()
    {
        var (container, _) = await NewContainerAsync();
        var blob = container.GetBlobClient("digits");
        await blob.UploadAsync(BinaryData.FromString("0123456789"));

        await using var download = await blob.DownloadStreamingAsync(new HttpRange(3, 4));
        using var reader = new StreamReader(download.Content);

        Assert.Equal("3456", await reader.ReadToEndAsync());
        Assert.Equal(4, download.Details.ContentLength);
        Assert.Equal("bytes 3-6/10", download.Details.ContentRange);
    }

    [Fact]
    public async Task SetMetadataAndDelete_ChangeWhatPropertiesReport()
    {
        var (container, _) = await NewContainerAsync();
        var blob = container.GetBlobClient("meta");
        await blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["a"] = "1" } });

        await blob.SetMetadataAsync(new Dictionary<string, string> { ["b"] = "2" });
        var properties = await blob.GetPropertiesAsync();

        Assert.False(properties.Metadata.ContainsKey("a"));
        Assert.Equal("2", properties.Metadata["b"]);
        Assert.True(await blob.DeleteIfExistsAsync());
        Assert.False(await blob.ExistsAsync());
        Assert.False(await blob.DeleteIfExistsAsync());
        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DownloadStreamingAsync());
        Assert.Equal(StorageErrorCode.BlobNotFound, failure.ErrorCode);
    }

    [Fact]
    public async Task GetBlobsAsync_Prefix_ListsMatchingAcrossPages()
    {
        var (container, _) = await NewContainerAsync();
        foreach (var name in new[] { "t1/a", "t1/b", "t1/c", "t2/a" })
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name));
        }

        var names = new List<string>();
        var pages = 0;
        await foreach (var page in container.GetBlobsAsync("t1/", maxPerPage: 2).AsPages())
        {
            pages++;
            names.AddRange(page.Values.Select(b => b.Name));
        }

        Assert.Equal(["t1/a", "t1/b", "t1/c"], names);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task GenerateSasUri_ReadLink_WorksAnonymouslyButCannotWrite()
    {
        var (container, _) = await NewContainerAsync();
        var blob = container.GetBlobClient("附件 report.pdf");
        await blob.UploadAsync(BinaryData.FromString("pdf bytes"));
        using var anonymous = new HttpClient();

        var link = blob.GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(5));
        using var read = await anonymous.GetAsync(link);
        using var write = new HttpRequestMessage(HttpMethod.Put, link) { Content = new StringContent("overwritten") };
        write.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var writeResponse = await anonymous.SendAsync(write);

        Assert.True(read.IsSuccessStatusCode, $"SAS read answered {(int)read.StatusCode}");
        Assert.Equal("pdf bytes", await read.Content.ReadAsStringAsync());
        Assert.Equal(403, (int)writeResponse.StatusCode);
        Assert.Equal("pdf bytes", (await blob.DownloadContentAsync()).ToString());
    }

    [Fact]
    public async Task GenerateSasUri_PastItsExpiry_IsRefused()
    {
        var (container, _) = await NewContainerAsync();
        var blob = container.GetBlobClient("old");
        await blob.UploadAsync(BinaryData.FromString("x"));
        using var anonymous = new HttpClient();
        // Two links signed "five minutes ago": one lived for a minute (so it has expired, as if we had waited),
        // one lives for an hour. Expiry is the only difference between them.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-5));

        var expired = blob.GenerateSasUri(BlobSasPermissions.Read, clock.GetUtcNow().AddMinutes(1));
        var current = blob.GenerateSasUri(BlobSasPermissions.Read, clock.GetUtcNow().AddHours(1));
        using var expiredResponse = await anonymous.GetAsync(expired);
        using var currentResponse = await anonymous.GetAsync(current);

        Assert.Equal(403, (int)expiredResponse.StatusCode);
        Assert.Equal(200, (int)currentResponse.StatusCode);
        // Azure says AuthenticationFailed ("Signed expiry time ... must be after signed start time"); Azurite says AuthorizationFailure.
        Assert.Contains("<Code>Auth", await expiredResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
