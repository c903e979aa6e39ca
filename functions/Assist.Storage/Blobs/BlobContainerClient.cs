using System.Globalization;
using System.Xml.Linq;
using Assist.Storage.Pipeline;
using Azure;
using Azure.Core;

namespace Assist.Storage.Blobs;

/// <summary>One container: create (always private), delete, list blobs by prefix, and hand out <see cref="BlobClient"/>s.</summary>
public sealed class BlobContainerClient
{
    private readonly StorageRestClient _rest;

    internal BlobContainerClient(StorageRestClient rest, string containerName)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerName);
        if (containerName.Length is < 3 or > 63 || !containerName.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            || containerName.StartsWith('-') || containerName.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{containerName}' is not a valid container name: 3-63 lowercase letters, digits and single hyphens.", nameof(containerName));
        }

        _rest = rest;
        Name = containerName;
    }

    public string Name { get; }

    public Uri Uri => new($"{_rest.Endpoint.AbsoluteUri}/{Name}");

    public BlobClient GetBlobClient(string blobName) => new(_rest, Name, blobName);

    /// <summary>Creates the container with no public access; true if created, false if it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Put, StorageOperationKind.BlobContainerCreate, "/" + Name);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await _rest.SendAsync(message, cancellationToken, 409);
        return response.Status != 409;
    }

    /// <summary>Deletes the container and every blob in it; true if it existed.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Delete, StorageOperationKind.BlobContainerDelete, "/" + Name);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await _rest.SendAsync(message, cancellationToken, 404);
        return response.Status != 404;
    }

    /// <summary>Lists blobs whose names start with <paramref name="prefix"/>, in name order, page by page.</summary>
    public AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        new StorageAsyncPageable<BlobItem>((marker, pageSize, ct) => ListPageAsync(prefix, marker, pageSize ?? maxPerPage, ct), cancellationToken);

    private async Task<Page<BlobItem>> ListPageAsync(string? prefix, string? marker, int? maxResults, CancellationToken cancellationToken)
    {
        using var message = _rest.CreateMessage(RequestMethod.Get, StorageOperationKind.BlobList, "/" + Name);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker);
        }

        if (maxResults is { } max)
        {
            uri.AppendQuery("maxresults", max.ToString(CultureInfo.InvariantCulture));
        }

        var response = await _rest.SendAsync(message, cancellationToken);
        var root = XDocument.Parse(response.Content.ToString()).Root!;
        var items = root.Element("Blobs")?.Elements("Blob").Select(blob =>
        {
            var properties = blob.Element("Properties");
            return new BlobItem(
                blob.Element("Name")?.Value ?? string.Empty,
                long.TryParse(properties?.Element("Content-Length")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : 0,
                properties?.Element("Content-Type")?.Value,
                properties?.Element("Etag")?.Value is { } etag ? new ETag(etag) : default,
                properties?.Element("Last-Modified")?.Value is { } modified
                    ? DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                    : null);
        }).ToList() ?? [];
        var nextMarker = root.Element("NextMarker")?.Value;
        return Page<BlobItem>.FromValues(items, string.IsNullOrEmpty(nextMarker) ? null : nextMarker, response);
    }
}
