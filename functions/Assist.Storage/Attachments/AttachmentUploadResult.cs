using Assist.Domain.Tickets;

namespace Assist.Storage.Attachments;

public abstract record AttachmentUploadResult
{
    private AttachmentUploadResult()
    {
    }

    public sealed record Stored(AttachmentRef Attachment) : AttachmentUploadResult;

    /// <summary>Code: "empty", "too-large", "type-not-allowed", "name-invalid". Nothing is left in storage.</summary>
    public sealed record Refused(string Code, string Reason, string ReasonZh) : AttachmentUploadResult;
}
