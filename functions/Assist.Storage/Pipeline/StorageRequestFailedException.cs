using Azure;

namespace Assist.Storage.Pipeline;

/// <summary>
/// A storage request the service refused. It is an Azure.Core <see cref="RequestFailedException"/>, so
/// <see cref="RequestFailedException.Status"/> and <see cref="RequestFailedException.ErrorCode"/>
/// (e.g. <see cref="StorageErrorCode.UpdateConditionNotSatisfied"/>) are what callers branch on.
/// </summary>
public class StorageRequestFailedException : RequestFailedException
{
    public StorageRequestFailedException(int status, string? errorCode, string message, string? requestId, Exception? innerException = null)
        : base(status, message, errorCode, innerException)
    {
        RequestId = requestId;
    }

    public StorageRequestFailedException()
        : this(0, null, "The storage request failed.", null)
    {
    }

    public StorageRequestFailedException(string message)
        : this(0, null, message, null)
    {
    }

    public StorageRequestFailedException(string message, Exception innerException)
        : this(0, null, message, null, innerException)
    {
    }

    /// <summary>The service's <c>x-ms-request-id</c>, to quote when asking Azure support about the request.</summary>
    public string? RequestId { get; }
}
