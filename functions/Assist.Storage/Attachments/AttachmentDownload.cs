namespace Assist.Storage.Attachments;

/// <summary>A committed attachment opened for download; the caller disposes <see cref="Content"/>.</summary>
public sealed record AttachmentDownload(Stream Content, string ContentType, long Length, string FileName, string Sha256);
