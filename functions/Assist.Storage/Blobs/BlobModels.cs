using Azure;

namespace Assist.Storage.Blobs;

/// <summary>The version of a blob just written.</summary>
public sealed record BlobContentInfo(ETag ETag, DateTimeOffset LastModified);

/// <summary>A blob's system properties and metadata.</summary>
public sealed record BlobProperties(
    long ContentLength,
    string? ContentType,
    ETag ETag,
    DateTimeOffset LastModified,
    DateTimeOffset? CreatedOn,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>One blob of a listing.</summary>
public sealed record BlobItem(string Name, long ContentLength, string? ContentType, ETag ETag, DateTimeOffset? LastModified);

/// <summary>What a download says about the bytes it streams; <see cref="ContentRange"/> is set for ranged reads.</summary>
public sealed record BlobDownloadDetails(
    long ContentLength,
    string? ContentType,
    string? ContentRange,
    ETag ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata);
