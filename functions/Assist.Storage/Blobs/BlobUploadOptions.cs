namespace Assist.Storage.Blobs;

/// <summary>How <see cref="BlobClient.UploadAsync(Stream, BlobUploadOptions?, CancellationToken)"/> writes a blob.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>The block size, and the largest content sent in one request: anything bigger is staged in blocks of this size.</summary>
    public int BlockSize { get; set; } = 4 * 1024 * 1024;

    public string? ContentType { get; set; }

    public IReadOnlyDictionary<string, string>? Metadata { get; set; }

    /// <summary>False: fail with 409 <c>BlobAlreadyExists</c> rather than replace an existing blob.</summary>
    public bool Overwrite { get; set; } = true;
}
