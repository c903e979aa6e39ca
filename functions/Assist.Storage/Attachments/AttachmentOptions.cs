namespace Assist.Storage.Attachments;

/// <summary>Upload caps (configuration section <see cref="SectionName"/>).</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxFiles { get; set; } = 10;
}
