using System.Security.Cryptography;
using System.Text;

namespace Assist.Storage.Attachments;

/// <summary>
/// Reads an upload forward once while hashing it (SHA-256), counting bytes against the cap and, for text, checking
/// that it is UTF-8 without NULs — so the checks hold for the whole file, not only its first bytes, without
/// buffering it. Breaking a rule throws <see cref="UploadRefusedException"/> mid-read, before the blob is committed.
/// </summary>
internal sealed class InspectingStream(byte[] prefix, Stream source, long maxBytes, bool text) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Decoder _decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] _chars = new char[8192];
    private int _prefixOffset;

    public long Length64 { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Length64;
        set => throw new NotSupportedException();
    }

    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <summary>Checks the end of text content (no truncated character at the very end).</summary>
    public void Complete()
    {
        if (text)
        {
            try
            {
                _decoder.Convert([], 0, 0, _chars, 0, _chars.Length, flush: true, out _, out _, out _);
            }
            catch (DecoderFallbackException)
            {
                throw new UploadRefusedException("type-not-allowed");
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_prefixOffset < prefix.Length)
        {
            read = Math.Min(buffer.Length, prefix.Length - _prefixOffset);
            prefix.AsMemory(_prefixOffset, read).CopyTo(buffer);
            _prefixOffset += read;
        }
        else
        {
            read = await source.ReadAsync(buffer, cancellationToken);
        }

        if (read == 0)
        {
            return 0;
        }

        Length64 += read;
        if (Length64 > maxBytes)
        {
            throw new UploadRefusedException("too-large");
        }

        var chunk = buffer.Span[..read];
        _hash.AppendData(chunk);
        if (text)
        {
            Check(chunk);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Contains((byte)0))
        {
            throw new UploadRefusedException("type-not-allowed");
        }

        try
        {
            while (!chunk.IsEmpty)
            {
                _decoder.Convert(chunk, _chars, flush: false, out var used, out _, out _);
                chunk = chunk[used..];
            }
        }
        catch (DecoderFallbackException)
        {
            throw new UploadRefusedException("type-not-allowed");
        }
    }
}
