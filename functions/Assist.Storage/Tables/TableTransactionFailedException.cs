using Assist.Storage.Pipeline;

namespace Assist.Storage.Tables;

/// <summary>
/// An entity group transaction the service refused as a whole (nothing was written). Says which action
/// failed and why, when the service names it.
/// </summary>
public sealed class TableTransactionFailedException : StorageRequestFailedException
{
    public TableTransactionFailedException(int status, string? errorCode, string message, string? requestId, int? failedActionIndex, TableTransactionAction? failedAction)
        : base(status, errorCode, message, requestId)
    {
        FailedActionIndex = failedActionIndex;
        FailedAction = failedAction;
    }

    public TableTransactionFailedException()
    {
    }

    public TableTransactionFailedException(string message)
        : base(message)
    {
    }

    public TableTransactionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The zero-based index of the action the service refused, when it said.</summary>
    public int? FailedActionIndex { get; }

    public TableTransactionAction? FailedAction { get; }
}
