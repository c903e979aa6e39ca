namespace Assist.Storage.Tables;

/// <summary>What one action of an entity group transaction does.</summary>
public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    Delete,
    UpsertMerge,
    UpsertReplace,
}
