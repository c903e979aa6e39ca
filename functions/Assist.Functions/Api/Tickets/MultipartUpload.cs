using Assist.Domain.Common;
using System.Text;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;
using Assist.Storage.Attachments;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// Reads a multipart/form-data request section by section: text fields into a dictionary, every file streamed
/// straight into <see cref="AttachmentStore.UploadAsync"/> (never buffered whole). On any refusal — too many files,
/// a file the store refuses, a hostile name, a malformed body — every file stored so far is discarded, so a refused
/// request leaves nothing in storage.
/// </summary>
public sealed class MultipartUpload(AttachmentStore store, IOptions<AttachmentOptions> options)
{
    public const string FilesField = "attachments";
    private const int MaxFieldLength = 64 * 1024;
    private const int MaxFields = 64;

    private readonly AttachmentOptions _options = options.Value;

    public static bool IsMultipart(HttpRequest request) =>
        request?.ContentType is { } type && type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public async Task<MultipartContent> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var stored = new List<AttachmentRef>();
        try
        {
            var problem = await ReadSectionsAsync(request, fields, stored, cancellationToken);
            if (problem is null)
            {
                return new MultipartContent(fields, stored, null);
            }

            await DiscardAndDrainAsync(request, stored);
            return new MultipartContent(fields, [], problem);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            await store.DiscardAsync(stored, CancellationToken.None);
            return new MultipartContent(fields, [], exception is BadHttpRequestException bad
                ? ApiJson.TooLargeOrBad(request, bad)
                : ApiProblems.Field(request, "body", "multipart.malformed", "The multipart body is malformed.", "multipart 请求体格式有误。", type: ProblemTypes.MalformedBody));
        }
        catch
        {
            await store.DiscardAsync(stored, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Stores files a page form already received (the anti-forgery check reads the form first, so a page cannot stream):
    /// the same caps, name rules and content sniffing as <see cref="ReadAsync"/>, and on any refusal nothing is kept.
    /// Every file is looked at, so a refusal names each refused file with its reason, not only the first one.
    /// </summary>
    public async Task<StoredFiles> StoreAsync(IEnumerable<IFormFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var chosen = files.Where(f => f.Name == FilesField && !string.IsNullOrEmpty(f.FileName)).ToList();
        if (chosen.Count > _options.MaxFiles)
        {
            return StoredFiles.Refused([new FieldError(FilesField, "attachment.too-many", $"At most {_options.MaxFiles} files may be attached.", $"最多可上传{_options.MaxFiles}个附件。")]);
        }

        var stored = new List<AttachmentRef>();
        var refusals = new List<FieldError>();
        try
        {
            foreach (var file in chosen)
            {
                var fileName = Path.GetFileName(file.FileName);
                if (!IsSafeFileName(fileName))
                {
                    refusals.Add(new FieldError(FilesField, "attachment.name-invalid", "File names must be plain names without folders or control characters.", "文件名不能包含路径或控制字符。"));
                    continue;
                }

                await using var content = file.OpenReadStream();
                switch (await store.UploadAsync(content, fileName, cancellationToken))
                {
                    case AttachmentUploadResult.Stored ok:
                        stored.Add(ok.Attachment);
                        break;
                    case AttachmentUploadResult.Refused refused:
                        refusals.Add(new FieldError(FilesField, "attachment." + refused.Code, $"{fileName}: {refused.Reason}", $"{fileName}：{refused.ReasonZh}"));
                        break;
                }
            }
        }
        catch
        {
            await store.DiscardAsync(stored, CancellationToken.None);
            throw;
        }

        if (refusals.Count > 0)
        {
            await store.DiscardAsync(stored, CancellationToken.None);
            return StoredFiles.Refused(refusals);
        }

        return new StoredFiles(stored, ValidationErrors.None);
    }

    /// <summary>Files stored for a request that then failed (e.g. the form was invalid) are removed.</summary>
    public Task DiscardAsync(IReadOnlyList<AttachmentRef> attachments) =>
        attachments.Count == 0 ? Task.CompletedTask : store.DiscardAsync(attachments, CancellationToken.None);

    private async Task<IResult?> ReadSectionsAsync(HttpRequest request, Dictionary<string, string> fields, List<AttachmentRef> stored, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return ApiProblems.Field(request, "body", "multipart.boundary", "The multipart body has no valid boundary.", "multipart 请求缺少有效的分隔符。", type: ProblemTypes.MalformedBody);
        }

        var reader = new MultipartReader(boundary, request.Body)
        {
            HeadersCountLimit = 16,
            HeadersLengthLimit = 8 * 1024,
            // The store refuses a file past MaxBytes itself; this only bounds a section the store never reads.
            BodyLengthLimit = Math.Max(_options.MaxBytes * 2, MaxFieldLength * 2),
        };

        var files = 0;
        // Every file is looked at, so the answer names each refused file with its reason, not only the first one.
        var refusals = new List<FieldError>();
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                return ApiProblems.Field(request, "body", "multipart.disposition", "Every part needs Content-Disposition: form-data.", "每个部分都需要 Content-Disposition: form-data。", type: ProblemTypes.MalformedBody);
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                files++;
                if (files > _options.MaxFiles)
                {
                    return Refused(request, "too-many", $"At most {_options.MaxFiles} files may be attached.", $"最多可上传{_options.MaxFiles}个附件。");
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                if (!IsSafeFileName(fileName))
                {
                    refusals.Add(new FieldError(FilesField, "attachment.name-invalid", "File names must be plain names without folders or control characters.", "文件名不能包含路径或控制字符。"));
                    continue;
                }

                switch (await store.UploadAsync(section.Body, fileName, cancellationToken))
                {
                    case AttachmentUploadResult.Stored ok:
                        stored.Add(ok.Attachment);
                        break;
                    case AttachmentUploadResult.Refused refused:
                        refusals.Add(new FieldError(FilesField, "attachment." + refused.Code, $"{fileName}: {refused.Reason}", $"{fileName}：{refused.ReasonZh}"));
                        break;
                }

                continue;
            }

            if (fields.Count >= MaxFields || name.Length is 0 or > 64)
            {
                return ApiProblems.Field(request, "body", "multipart.fields", "Too many or unnamed form fields.", "表单字段过多或缺少名称。", type: ProblemTypes.MalformedBody);
            }

            var value = await ReadTextAsync(section.Body, cancellationToken);
            if (value is null)
            {
                return ApiProblems.Field(request, name, "field.too-long", $"'{name}' is longer than {MaxFieldLength} characters.", $"“{name}”超过{MaxFieldLength}个字符。");
            }

            fields[name] = value;
        }

        return refusals.Count == 0 ? null : ApiProblems.Fields(request, refusals, ProblemTypes.AttachmentRefused);
    }

    private static IResult Refused(HttpRequest request, string code, string message, string messageZh) =>
        ApiProblems.Field(request, FilesField, "attachment." + code, message, messageZh, type: ProblemTypes.AttachmentRefused);

    /// <summary>Path-traversal, folders, control characters and reserved names are refused before anything is stored.</summary>
    public static bool IsSafeFileName(string? fileName) =>
        !string.IsNullOrWhiteSpace(fileName)
        && fileName.Length <= 255
        && fileName.Trim() is not ("." or "..")
        && fileName.IndexOfAny(['/', '\\', ':', '\0']) < 0
        && !fileName.Contains("..", StringComparison.Ordinal)
        && !fileName.Any(char.IsControl);

    private static async Task<string?> ReadTextAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[MaxFieldLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxFieldLength ? null : new string(buffer, 0, length);
    }

    /// <summary>
    /// Removes what was stored, then reads the rest of the body (bounded by the endpoint's size limit) so the client
    /// that is still sending receives the problem instead of a reset connection.
    /// </summary>
    private async Task DiscardAndDrainAsync(HttpRequest request, List<AttachmentRef> stored)
    {
        await store.DiscardAsync(stored, CancellationToken.None);
        try
        {
            await request.Body.CopyToAsync(Stream.Null, request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client gave up or sent too much: the problem answer still goes out if the connection allows.
        }
    }
}

/// <summary>Files stored from a page form, or the field errors that refused them, one per refused file (nothing stored then).</summary>
public sealed record StoredFiles(IReadOnlyList<AttachmentRef> Files, ValidationErrors Errors)
{
    public static StoredFiles Refused(IReadOnlyList<FieldError> errors) => new([], new ValidationErrors(errors.ToValueList()));
}

/// <summary>The fields and stored files of a multipart request, or the problem that refused it (nothing stored then).</summary>
public sealed record MultipartContent(IReadOnlyDictionary<string, string> Fields, IReadOnlyList<AttachmentRef> Files, IResult? Problem);
