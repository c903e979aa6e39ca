namespace Assist.Storage.Attachments;

/// <summary>Thrown inside an upload's stream to abort it; caught by <see cref="AttachmentStore"/> and turned into a refusal.</summary>
internal sealed class UploadRefusedException : Exception
{
    public UploadRefusedException(string code)
        : base(code) => Code = code;

    public UploadRefusedException()
    {
        Code = "";
    }

    public UploadRefusedException(string message, Exception innerException)
        : base(message, innerException) => Code = message;

    public string Code { get; }
}
