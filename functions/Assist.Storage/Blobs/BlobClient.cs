using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Assist.Storage.Pipeline;
using Azure;
using Azure.Core;

namespace Assist.Storage.Blobs;

/// <summary>
/// One block blob: streaming upload of any size, streaming and ranged download, properties and metadata,
/// delete, and a service SAS read link — shaped like Azure.Storage.Blobs' <c>BlobClient</c>.
/// </summary>
public sealed class BlobClient
{
    private readonly StorageRestClient _rest;

    internal BlobClient(StorageRestClient rest, string containerName, string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        if (blobName.Length > 1024)
        {
            throw new ArgumentException("A blob name is at most 1,024 characters.", nameof(blobName));
        }

        _rest = rest;
        BlobContainerName = containerName;
        Name = blobName;
    }

    public string BlobContainerName { get; }

    public string Name { get; }

    public Uri Uri => new(_rest.Endpoint.AbsoluteUri + Path);

    /// <summary>A SAS needs the account key: clients authenticated with Microsoft Entra cannot sign one.</summary>
    public bool CanGenerateSasUri => _rest.SharedKey is not null;

    private string Path => $"/{BlobContainerName}/{string.Join('/', Name.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>
    /// Uploads <paramref name="content"/> as a block blob, reading it once, forward only. Content that fits in one
    /// block goes in a single request; anything larger is staged block by block (one block in memory at a time)
    /// and committed with a block list, so the blob appears complete or not at all.
    /// </summary>
    public async Task<BlobContentInfo> UploadAsync(Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlockSize, 1, nameof(options));
        var buffer = ArrayPool<byte>.Shared.Rent(options.BlockSize);
        try
        {
            var read = await ReadBlockAsync(content, buffer, options.BlockSize, cancellationToken);
            if (read < options.BlockSize)
            {
                return await PutBlobAsync(buffer.AsMemory(0, read), options, cancellationToken);
            }

            // Block ids must all have the same length; a per-upload prefix keeps concurrent uploads' blocks apart.
            var uploadId = Guid.NewGuid().ToString("N");
            var blockIds = new List<string>();
            while (read > 0)
            {
                var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{uploadId}-{blockIds.Count:D6}"));
                await PutBlockAsync(blockId, buffer.AsMemory(0, read), cancellationToken);
                blockIds.Add(blockId);
                read = await ReadBlockAsync(content, buffer, options.BlockSize, cancellationToken);
            }

            return await PutBlockListAsync(blockIds, options, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Uploads bytes already in memory (small blobs).</summary>
    public async Task<BlobContentInfo> UploadAsync(BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var stream = content.ToStream();
        return await UploadAsync(stream, options, cancellationToken);
    }

    /// <summary>
    /// Starts a download and returns once the headers arrive; the body streams from the network as it is read.
    /// <paramref name="range"/> selects a byte range (<c>new HttpRange(offset, length)</c>); default is the whole blob.
    /// </summary>
    public async Task<BlobDownloadStreamingResult> DownloadStreamingAsync(HttpRange range = default, CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Get, StorageOperationKind.BlobGet, Path);
        message.BufferResponse = false;
        if (range != default)
        {
            message.Request.Headers.SetValue("x-ms-range", range.ToString());
        }

        var response = await _rest.SendAsync(message, cancellationToken);
        var stream = message.ExtractResponseContent() ?? Stream.Null;
        response.Headers.TryGetValue("Content-Range", out var contentRange);
        var details = new BlobDownloadDetails(
            response.Headers.ContentLength ?? 0,
            response.Headers.ContentType,
            contentRange,
            response.Headers.ETag ?? default,
            LastModified(response),
            StorageMetadata.FromHeaders(response));
        return new BlobDownloadStreamingResult(stream, details);
    }

    /// <summary>Downloads a small blob into memory.</summary>
    public async Task<BinaryData> DownloadContentAsync(CancellationToken cancellationToken = default)
    {
        await using var download = await DownloadStreamingAsync(default, cancellationToken);
        return await BinaryData.FromStreamAsync(download.Content, cancellationToken);
    }

    public async Task<BlobProperties> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Head, StorageOperationKind.BlobGetProperties, Path);
        var response = await _rest.SendAsync(message, cancellationToken);
        response.Headers.TryGetValue("x-ms-creation-time", out var created);
        return new BlobProperties(
            response.Headers.ContentLength ?? 0,
            response.Headers.ContentType,
            response.Headers.ETag ?? default,
            LastModified(response),
            created is null ? null : DateTimeOffset.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            StorageMetadata.FromHeaders(response));
    }

    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Head, StorageOperationKind.BlobGetProperties, Path);
        var response = await _rest.SendAsync(message, cancellationToken, 404);
        return response.Status != 404;
    }

    /// <summary>Replaces the blob's metadata (names are C# identifiers; values ASCII).</summary>
    public async Task<BlobContentInfo> SetMetadataAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var message = _rest.CreateMessage(RequestMethod.Put, StorageOperationKind.BlobSetMetadata, Path);
        message.Request.Uri.AppendQuery("comp", "metadata");
        StorageMetadata.ToHeaders(message.Request, metadata);
        var response = await _rest.SendAsync(message, cancellationToken);
        return new BlobContentInfo(response.Headers.ETag ?? default, LastModified(response));
    }

    /// <summary>Deletes the blob; true if it existed.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Delete, StorageOperationKind.BlobDelete, Path);
        var response = await _rest.SendAsync(message, cancellationToken, 404);
        return response.Status != 404;
    }

    /// <summary>A link to this blob that works without credentials until <paramref name="expiresOn"/>.</summary>
    public Uri GenerateSasUri(BlobSasPermissions permissions, DateTimeOffset expiresOn) =>
        GenerateSasUri(new BlobSasBuilder
        {
            BlobContainerName = BlobContainerName,
            BlobName = Name,
            Permissions = permissions,
            ExpiresOn = expiresOn,
            Protocol = _rest.Endpoint.Scheme == Uri.UriSchemeHttps ? "https" : "https,http",
        });

    public Uri GenerateSasUri(BlobSasBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var credential = _rest.SharedKey
            ?? throw new InvalidOperationException("A service SAS needs the account key; this client authenticates with Microsoft Entra.");
        return new Uri(Uri.AbsoluteUri + "?" + builder.ToSasQueryParameters(credential));
    }

    private async Task<BlobContentInfo> PutBlobAsync(ReadOnlyMemory<byte> content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        using var message = _rest.CreateMessage(RequestMethod.Put, StorageOperationKind.BlobPut, Path);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        if (options.ContentType is not null)
        {
            message.Request.Headers.SetValue("x-ms-blob-content-type", options.ContentType);
        }

        ApplyWriteOptions(message.Request, options);
        message.Request.Content = RequestContent.Create(content);
        var response = await _rest.SendAsync(message, cancellationToken);
        return new BlobContentInfo(response.Headers.ETag ?? default, LastModified(response));
    }

    private async Task PutBlockAsync(string blockId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var message = _rest.CreateMessage(RequestMethod.Put, StorageOperationKind.BlobPutBlock, Path);
        message.Request.Uri.AppendQuery("comp", "block");
        message.Request.Uri.AppendQuery("blockid", blockId);
        message.Request.Content = RequestContent.Create(content);
        await _rest.SendAsync(message, cancellationToken);
    }

    private async Task<BlobContentInfo> PutBlockListAsync(IReadOnlyList<string> blockIds, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        using var message = _rest.CreateMessage(RequestMethod.Put, StorageOperationKind.BlobPutBlockList, Path);
        message.Request.Uri.AppendQuery("comp", "blocklist");
        if (options.ContentType is not null)
        {
            message.Request.Headers.SetValue("x-ms-blob-content-type", options.ContentType);
        }

        ApplyWriteOptions(message.Request, options);
        var body = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id))));
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.Declaration + body.ToString(SaveOptions.DisableFormatting)));
        var response = await _rest.SendAsync(message, cancellationToken);
        return new BlobContentInfo(response.Headers.ETag ?? default, LastModified(response));
    }

    private static void ApplyWriteOptions(Request request, BlobUploadOptions options)
    {
        if (!options.Overwrite)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }

        StorageMetadata.ToHeaders(request, options.Metadata);
    }

    private static async Task<int> ReadBlockAsync(Stream content, byte[] buffer, int blockSize, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < blockSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(total, blockSize - total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static DateTimeOffset LastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var value)
            ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : default;
}
