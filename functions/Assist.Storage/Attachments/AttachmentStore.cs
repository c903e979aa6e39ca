using System.Globalization;
using System.Security.Cryptography;
using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assist.Storage.Attachments;

/// <summary>
/// Attachments in Blob Storage. An upload streams into <c>uploads-pending</c> under a random name while it is hashed
/// and measured; when its ticket commits, the dispatcher moves it to <c>attachments</c>; uploads whose ticket never
/// commits are removed by the sweep after <see cref="WorkflowOptions.PendingUploadLifetime"/>. An attachment id is
/// the UTC minute of the upload followed by 128 random bits, so the sweep can tell stale uploads from the name alone.
/// </summary>
public sealed class AttachmentStore
{
    private const int MaxFileNameLength = 200;
    private const string FileNameMetadata = "filename";
    private const string Sha256Metadata = "sha256";
    private const string TicketMetadata = "ticket";

    // Uploads stream: anything over 4 MiB is staged in 4 MiB blocks, one at a time, so an upload holds one block in
    // memory (the SDK would otherwise buffer up to 256 MiB to try a single request).
    private static readonly StorageTransferOptions Streaming = new()
    {
        InitialTransferSize = 4 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 1,
    };

    private readonly WorkflowStorage _storage;
    private readonly AttachmentOptions _options;
    private readonly ILogger _logger;

    public AttachmentStore(WorkflowStorage storage, IOptions<AttachmentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        _storage = storage;
        _options = options.Value;
        _logger = storage.Loggers.CreateLogger<AttachmentStore>();
        Links = new BlobReadLinks(storage.Clients.Blobs, TimeProvider.System);
    }

    public AttachmentOptions Options => _options;

    /// <summary>Signs download links; on real time, never the development clock, because storage checks them on its own clock.</summary>
    internal BlobReadLinks Links { get; init; }

    /// <summary>
    /// Streams to a blob with a random name while hashing (SHA-256) and counting. The name's extension must claim one
    /// of <see cref="AttachmentTypes.All"/> and the magic bytes must be that type (PDF, PNG, JPEG, DOCX/XLSX (zip with
    /// [Content_Types].xml), TXT (valid UTF-8, no NULs, not HTML or SVG markup)); the client's Content-Type is never
    /// used. A file whose content is not what its name claims — HTML named <c>.pdf</c>, a PDF named <c>.txt</c> — is
    /// refused before anything is written. A file name with path parts, control characters or nothing left after
    /// trimming is refused; otherwise it is kept only as metadata. Records the upload as pending until CommitAsync.
    /// </summary>
    public async Task<AttachmentUploadResult> UploadAsync(Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (SanitizeFileName(fileName) is not { } name)
        {
            return Refuse("name-invalid");
        }

        if (AttachmentTypes.ClaimedBy(name) is not { } claimed)
        {
            return Refuse("type-not-allowed");
        }

        var prefix = new byte[AttachmentSniffer.PrefixLength];
        var prefixLength = 0;
        while (prefixLength < prefix.Length)
        {
            var read = await content.ReadAsync(prefix.AsMemory(prefixLength), cancellationToken);
            if (read == 0)
            {
                break;
            }

            prefixLength += read;
        }

        if (prefixLength == 0)
        {
            return Refuse("empty");
        }

        var sniffed = AttachmentSniffer.Sniff(prefix.AsSpan(0, prefixLength));
        if (sniffed is null)
        {
            return Refuse("type-not-allowed");
        }

        if (sniffed != claimed.Sniffed)
        {
            return Refuse("type-mismatch", claimed);
        }

        var contentType = claimed.ContentType;

        var id = NewId();
        var blob = _storage.PendingUploads.GetBlobClient(id);
        await using var inspecting = new InspectingStream(prefix[..prefixLength], content, _options.MaxBytes, contentType == AttachmentSniffer.Text);
        try
        {
            await blob.UploadAsync(inspecting, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                // Never replace: a random name that exists already is not ours.
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = Streaming,
            }, cancellationToken);
            inspecting.Complete();
        }
        catch (UploadRefusedException refused)
        {
            // Thrown before the upload committed, so there is normally no blob; the text check at the very end is the exception.
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return Refuse(refused.Code);
        }
        catch
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw;
        }

        var attachment = new AttachmentRef(id, name, inspecting.Length64, contentType, inspecting.Sha256Hex());
        _logger.LogInformation("Upload {AttachmentId} stored pending ({Size} bytes, {ContentType})", id, attachment.Size, contentType);
        return new AttachmentUploadResult.Stored(attachment);
    }

    /// <summary>
    /// Moves the uploads to <c>attachments</c> for <paramref name="ticketNumber"/>, checking each one's hash on the way.
    /// Idempotent: an attachment already moved is left alone.
    /// </summary>
    public async Task CommitAsync(string ticketNumber, IEnumerable<AttachmentRef> attachments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        foreach (var attachment in attachments)
        {
            if (!IsId(attachment.Id))
            {
                continue;
            }

            var pending = _storage.PendingUploads.GetBlobClient(attachment.Id);
            var target = _storage.Attachments.GetBlobClient(attachment.Id);
            BlobDownloadStreamingResult download;
            try
            {
                download = await pending.DownloadStreamingAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                if (!await target.ExistsAsync(cancellationToken))
                {
                    _logger.LogWarning("Attachment {AttachmentId} of ticket {TicketNumber} was no longer pending", attachment.Id, ticketNumber);
                }

                continue;
            }

            using (download)
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using var hashing = new HashingReadStream(download.Content, hash);
                await target.UploadAsync(hashing, new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = attachment.ContentType },
                    TransferOptions = Streaming,
                    Metadata = new Dictionary<string, string>
                    {
                        [FileNameMetadata] = Uri.EscapeDataString(attachment.FileName),
                        [Sha256Metadata] = attachment.Sha256,
                        [TicketMetadata] = ticketNumber,
                    },
                }, cancellationToken);
                if (!string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), attachment.Sha256, StringComparison.Ordinal))
                {
                    await target.DeleteIfExistsAsync(cancellationToken: cancellationToken);
                    throw new InvalidDataException($"Attachment {attachment.Id} does not match its recorded SHA-256.");
                }
            }

            await pending.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public async Task DiscardAsync(IEnumerable<AttachmentRef> attachments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        foreach (var attachment in attachments.Where(a => IsId(a.Id)))
        {
            await _storage.PendingUploads.GetBlobClient(attachment.Id).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public async Task<AttachmentDownload?> OpenReadAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        if (!IsId(attachmentId))
        {
            return null;
        }

        try
        {
            BlobDownloadStreamingResult download = await _storage.Attachments.GetBlobClient(attachmentId).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var metadata = download.Details.Metadata;
            return new AttachmentDownload(
                download.Content,
                download.Details.ContentType ?? "application/octet-stream",
                download.Details.ContentLength,
                metadata.TryGetValue(FileNameMetadata, out var name) ? Uri.UnescapeDataString(name) : attachmentId,
                metadata.TryGetValue(Sha256Metadata, out var sha) ? sha : "");
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Opens an attachment a committed ticket refers to: from <c>attachments</c>, or — in the moment between the
    /// ticket's commit and its dispatch moving the file — still from <c>uploads-pending</c>, with the name and hash the
    /// ticket recorded.
    /// </summary>
    public async Task<AttachmentDownload?> OpenReadAsync(AttachmentRef attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (await OpenReadAsync(attachment.Id, cancellationToken) is { } committed)
        {
            return committed;
        }

        if (!IsId(attachment.Id))
        {
            return null;
        }

        try
        {
            BlobDownloadStreamingResult download = await _storage.PendingUploads.GetBlobClient(attachment.Id).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new AttachmentDownload(download.Content, attachment.ContentType, download.Details.ContentLength, attachment.FileName, attachment.Sha256);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Moved meanwhile: read it where it is now.
            return await OpenReadAsync(attachment.Id, cancellationToken);
        }
    }

    /// <summary>
    /// A read-only link to a committed attachment that works without credentials for <paramref name="lifetime"/>, served
    /// as a download with the recorded name and type; null for an id that is not an attachment id.
    /// </summary>
    public async Task<Uri?> CreateDownloadLinkAsync(AttachmentRef attachment, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return IsId(attachment.Id)
            ? await Links.CreateAsync(_storage.Attachments.GetBlobClient(attachment.Id), lifetime, attachment.FileName, attachment.ContentType, cancellationToken)
            : null;
    }

    /// <summary>Deletes pending uploads older than <paramref name="uploadedBefore"/> (their ticket never committed).</summary>
    internal async Task<int> RemoveStaleAsync(DateTimeOffset uploadedBefore, CancellationToken cancellationToken = default)
    {
        var cutoff = WorkflowKeys.Bucket(uploadedBefore);
        var removed = 0;
        await foreach (var item in _storage.PendingUploads.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (!IsId(item.Name) || string.CompareOrdinal(item.Name[..WorkflowKeys.BucketFormat.Length], cutoff) < 0)
            {
                if (await _storage.PendingUploads.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken))
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    internal static string? SanitizeFileName(string? fileName)
    {
        var name = fileName?.Trim().Normalize();
        if (string.IsNullOrEmpty(name)
            || name.Length > MaxFileNameLength
            || name is "." or ".."
            || name.Contains("..", StringComparison.Ordinal)
            || name.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0
            || name.Any(char.IsControl))
        {
            return null;
        }

        return name;
    }

    private string NewId() =>
        WorkflowKeys.Bucket(_storage.Time.GetUtcNow()) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static bool IsId(string? id) =>
        id is { Length: 44 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
        && DateTime.TryParseExact(id[..12], WorkflowKeys.BucketFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static AttachmentUploadResult.Refused Refuse(string code, AttachmentType? claimed = null) => code switch
    {
        "empty" => new(code, "The file is empty.", "文件为空。"),
        "too-large" => new(code, "The file is larger than allowed.", "文件超过大小限制。"),
        "name-invalid" => new(code, "The file name is not allowed.", "文件名不合规。"),
        "type-mismatch" when claimed is not null => new(
            code,
            $"The name says {claimed.Name}, but the content is not. Accepted types: {AttachmentTypes.Describe(chinese: false)}.",
            $"文件名表明为{claimed.NameZh}，但文件内容不符。仅接受：{AttachmentTypes.Describe(chinese: true)}。"),
        _ => new(
            "type-not-allowed",
            $"This type of file is not accepted. Accepted types: {AttachmentTypes.Describe(chinese: false)}.",
            $"不支持该文件类型。仅接受：{AttachmentTypes.Describe(chinese: true)}。"),
    };
}
