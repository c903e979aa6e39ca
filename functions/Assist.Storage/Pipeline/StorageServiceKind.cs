namespace Assist.Storage.Pipeline;

/// <summary>Which storage service a client talks to; the same URL shape means different operations on each.</summary>
public enum StorageServiceKind
{
    Blob,
    Queue,
    Table,
}
