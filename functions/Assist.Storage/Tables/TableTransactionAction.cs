using Azure;

namespace Assist.Storage.Tables;

/// <summary>
/// One action of <see cref="TableClient.SubmitTransactionAsync"/>. <paramref name="etag"/> applies to updates and
/// deletes; the default means unconditional (<see cref="ETag.All"/>).
/// </summary>
public sealed class TableTransactionAction(TableTransactionActionType actionType, TableEntity entity, ETag etag = default)
{
    public TableTransactionActionType ActionType { get; } = actionType;

    public TableEntity Entity { get; } = entity ?? throw new ArgumentNullException(nameof(entity));

    public ETag ETag { get; } = etag;

    public override string ToString() => $"{ActionType} ({Entity.PartitionKey}, {Entity.RowKey})";
}
