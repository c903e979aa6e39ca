namespace Assist.Domain.Tickets;

/// <summary>An attachment already stored (blob id), recorded on the ticket with its original name, size, type and SHA-256.</summary>
public sealed record AttachmentRef(string Id, string FileName, long Size, string ContentType, string Sha256);
