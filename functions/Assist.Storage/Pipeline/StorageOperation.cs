using Azure.Core;

namespace Assist.Storage.Pipeline;

/// <summary>Tags a message with its operation kind so the metering and logging policies can name it.</summary>
internal static class StorageOperation
{
    private const string PropertyName = "Assist.Storage.Operation";

    public static void Set(HttpMessage message, StorageOperationKind kind) => message.SetProperty(PropertyName, kind);

    public static StorageOperationKind Of(HttpMessage message) =>
        message.TryGetProperty(PropertyName, out var value) && value is StorageOperationKind kind ? kind : StorageOperationKind.Other;
}
