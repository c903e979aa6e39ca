namespace Assist.Storage.Blobs;

/// <summary>What a blob SAS allows.</summary>
[Flags]
public enum BlobSasPermissions
{
    None = 0,
    Read = 1,
    Add = 2,
    Create = 4,
    Write = 8,
    Delete = 16,
    List = 32,
}
