namespace Assist.Storage.Blobs;

/// <summary>
/// A download in progress: <see cref="Content"/> reads straight from the network, so a large blob is never
/// held in memory. Dispose it to release the connection.
/// </summary>
public sealed class BlobDownloadStreamingResult(Stream content, BlobDownloadDetails details) : IDisposable, IAsyncDisposable
{
    public Stream Content { get; } = content;

    public BlobDownloadDetails Details { get; } = details;

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
