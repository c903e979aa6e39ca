using Azure.Core;
using Azure.Core.Pipeline;

namespace Assist.Storage.Pipeline;

/// <summary>
/// Counts every attempt that reached the service, because each attempt (retries included) is a billed transaction.
/// Added to each storage client's options per retry (<see cref="HttpPipelinePosition.PerRetry"/>); an attempt that
/// failed before any response is not counted. The SDK does not say which operation a request is, so
/// <see cref="Classify"/> reads it from the method, the URL and the headers, as the service's billing does.
/// </summary>
public sealed class StorageMeteringPolicy(StorageMetering metering, StorageServiceKind service) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Record(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Record(message);
    }

    /// <summary>The operation <paramref name="request"/> performs on <paramref name="service"/>.</summary>
    public static StorageOperationKind Classify(StorageServiceKind service, Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Uri.Path;
        var last = path[(path.LastIndexOf('/') + 1)..];
        var query = request.Uri.Query;
        var method = request.Method.Method;
        return service switch
        {
            StorageServiceKind.Table => ClassifyTable(method, last, request.Headers.Contains("If-Match")),
            StorageServiceKind.Blob => ClassifyBlob(method, query),
            StorageServiceKind.Queue => ClassifyQueue(method, path, last, query),
            _ => StorageOperationKind.Other,
        };
    }

    private void Record(HttpMessage message)
    {
        if (message.HasResponse)
        {
            metering.Record(Classify(service, message.Request));
        }
    }

    // Entity paths: /{table}(PartitionKey='…',RowKey='…'); queries: /{table}(); inserts: /{table}; the table list: /Tables.
    private static StorageOperationKind ClassifyTable(string method, string last, bool conditional)
    {
        if (last == "$batch")
        {
            return StorageOperationKind.TableBatch;
        }

        if (last == "Tables" || last.StartsWith("Tables(", StringComparison.Ordinal))
        {
            return method switch
            {
                "POST" => StorageOperationKind.TableCreate,
                "DELETE" => StorageOperationKind.TableDelete,
                _ => StorageOperationKind.Other,
            };
        }

        var entity = last.Contains('(', StringComparison.Ordinal) && !last.EndsWith("()", StringComparison.Ordinal);
        return (method, entity) switch
        {
            ("POST", false) => StorageOperationKind.TableInsert,
            ("GET", false) => StorageOperationKind.TableQuery,
            ("GET", true) => StorageOperationKind.TableGet,
            ("PUT" or "PATCH" or "MERGE", true) => conditional ? StorageOperationKind.TableUpdate : StorageOperationKind.TableUpsert,
            ("DELETE", true) => StorageOperationKind.TableDeleteEntity,
            _ => StorageOperationKind.Other,
        };
    }

    private static StorageOperationKind ClassifyBlob(string method, string query)
    {
        if (Has(query, "restype", "service") || Has(query, "restype", "account"))
        {
            return StorageOperationKind.Other;
        }

        if (Has(query, "restype", "container"))
        {
            return (method, Has(query, "comp", "list")) switch
            {
                ("GET", true) => StorageOperationKind.BlobList,
                ("PUT", false) when !Has(query, "comp") => StorageOperationKind.BlobContainerCreate,
                ("DELETE", false) => StorageOperationKind.BlobContainerDelete,
                _ => StorageOperationKind.Other,
            };
        }

        return method switch
        {
            "PUT" when Has(query, "comp", "block") => StorageOperationKind.BlobPutBlock,
            "PUT" when Has(query, "comp", "blocklist") => StorageOperationKind.BlobPutBlockList,
            "PUT" when Has(query, "comp", "metadata") => StorageOperationKind.BlobSetMetadata,
            "PUT" when !Has(query, "comp") => StorageOperationKind.BlobPut,
            "GET" when !Has(query, "comp") => StorageOperationKind.BlobGet,
            "HEAD" when !Has(query, "comp") => StorageOperationKind.BlobGetProperties,
            "DELETE" when !Has(query, "comp") => StorageOperationKind.BlobDelete,
            _ => StorageOperationKind.Other,
        };
    }

    // Messages: /{queue}/messages and /{queue}/messages/{id}; the queue itself: /{queue}.
    private static StorageOperationKind ClassifyQueue(string method, string path, string last, string query)
    {
        var messages = last == "messages";
        var message = !messages && path.EndsWith("/messages/" + last, StringComparison.Ordinal);
        return (method, messages, message) switch
        {
            ("POST", true, _) => StorageOperationKind.QueueSend,
            ("GET", true, _) => Has(query, "peekonly", "true") ? StorageOperationKind.QueuePeek : StorageOperationKind.QueueReceive,
            ("PUT", _, true) => StorageOperationKind.QueueUpdateMessage,
            ("DELETE", _, true) => StorageOperationKind.QueueDeleteMessage,
            ("GET", false, false) when Has(query, "comp", "metadata") => StorageOperationKind.QueueGetProperties,
            ("PUT", false, false) when !Has(query, "comp") => StorageOperationKind.QueueCreate,
            ("DELETE", false, false) => StorageOperationKind.QueueDelete,
            _ => StorageOperationKind.Other,
        };
    }

    /// <summary>Whether the query string has <paramref name="name"/> (with <paramref name="value"/>, if given).</summary>
    private static bool Has(string query, string name, string? value = null)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)
                && (value is null || string.Equals(equals < 0 ? string.Empty : pair[(equals + 1)..], value, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
