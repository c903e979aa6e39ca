namespace Assist.Storage.Pipeline;

/// <summary>
/// The kind of a storage transaction, as billed: one HTTP request (one attempt) is one transaction, and
/// an entity group transaction is one request whatever the number of entities in it.
/// </summary>
public enum StorageOperationKind
{
    Other,
    TableCreate,
    TableDelete,
    TableInsert,
    TableGet,
    TableUpdate,
    TableUpsert,
    TableDeleteEntity,
    TableBatch,
    TableQuery,
    BlobContainerCreate,
    BlobContainerDelete,
    BlobList,
    BlobPut,
    BlobPutBlock,
    BlobPutBlockList,
    BlobGet,
    BlobGetProperties,
    BlobSetMetadata,
    BlobDelete,
    QueueCreate,
    QueueDelete,
    QueueGetProperties,
    QueueSend,
    QueueReceive,
    QueuePeek,
    QueueUpdateMessage,
    QueueDeleteMessage,
}
