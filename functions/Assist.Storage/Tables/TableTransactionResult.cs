using Azure;

namespace Assist.Storage.Tables;

/// <summary>The outcome of one action of a committed transaction: its status and the entity's new ETag (none for a delete).</summary>
public sealed record TableTransactionResult(int Index, int Status, ETag ETag);
