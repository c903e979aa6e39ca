using Azure;

namespace Assist.Storage.Tests;

internal static class StorageFailures
{
    /// <summary>What the SDK throws when no attempt got an answer: status 0 (possibly inside the retries' AggregateException).</summary>
    public static bool IsUnreachable(Exception? exception) => exception switch
    {
        RequestFailedException { Status: 0 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnreachable),
        _ => false,
    };
}
