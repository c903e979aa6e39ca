using Assist.Domain.Tickets;

namespace Assist.Storage.Attachments;

public abstract record AttachmentUploadResult
{
    private AttachmentUploadResult()
    {
    }

    public sealed record Stored(AttachmentRef Attachment) : AttachmentUploadResult;

    /// <summary>
    /// Code: "empty", "too-large", "type-not-allowed" (none of the accepted types), "type-mismatch" (not the type its
    /// name claims), "name-invalid". The reasons list the accepted types. Nothing is left in storage.
    /// </summary>
    public sealed record Refused(string Code, string Reason, string ReasonZh) : AttachmentUploadResult;
}
