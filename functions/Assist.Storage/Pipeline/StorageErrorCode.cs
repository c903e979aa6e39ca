namespace Assist.Storage.Pipeline;

/// <summary>Service error codes callers branch on (the values of <c>x-ms-error-code</c>).</summary>
public static class StorageErrorCode
{
    public const string EntityAlreadyExists = nameof(EntityAlreadyExists);
    public const string UpdateConditionNotSatisfied = nameof(UpdateConditionNotSatisfied);
    public const string ResourceNotFound = nameof(ResourceNotFound);
    public const string TableAlreadyExists = nameof(TableAlreadyExists);
    public const string TableNotFound = nameof(TableNotFound);
    public const string InvalidDuplicateRow = nameof(InvalidDuplicateRow);
    public const string ContainerAlreadyExists = nameof(ContainerAlreadyExists);
    public const string ContainerNotFound = nameof(ContainerNotFound);
    public const string BlobNotFound = nameof(BlobNotFound);
    public const string BlobAlreadyExists = nameof(BlobAlreadyExists);
    public const string ConditionNotMet = nameof(ConditionNotMet);
    public const string QueueAlreadyExists = nameof(QueueAlreadyExists);
    public const string QueueNotFound = nameof(QueueNotFound);
    public const string MessageNotFound = nameof(MessageNotFound);
    public const string PopReceiptMismatch = nameof(PopReceiptMismatch);
    public const string AuthenticationFailed = nameof(AuthenticationFailed);
}
