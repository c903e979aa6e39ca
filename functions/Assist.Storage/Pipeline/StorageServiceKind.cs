namespace Assist.Storage.Pipeline;

/// <summary>Which storage service a request goes to; the services sign requests differently.</summary>
public enum StorageServiceKind
{
    Blob,
    Queue,
    Table,
}
