using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Assist.Storage.Pipeline;
using Azure;

namespace Assist.Storage.Tables;

/// <summary>
/// The OData <c>$batch</c> wire format of an entity group transaction: one changeset of HTTP requests in a
/// multipart/mixed body, and the multipart response with one HTTP response per action (or one error).
/// </summary>
internal static partial class TableTransactionBatch
{
    private const string Crlf = "\r\n";

    public sealed record Payload(string ContentType, byte[] Body);

    /// <summary>Checks the transaction's limits and builds its body; throws <see cref="ArgumentException"/> before anything is sent.</summary>
    public static Payload Build(Uri endpoint, string tableName, IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        }

        if (actions.Count > TableClient.MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction holds at most {TableClient.MaxTransactionActions} actions; this one has {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            TableNames.ValidateKey(entity.GetString(TableEntity.PartitionKeyName), TableEntity.PartitionKeyName);
            TableNames.ValidateKey(entity.GetString(TableEntity.RowKeyName), TableEntity.RowKeyName);
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                // Azurite would accept this; Azure refuses it. Refuse it here so both behave alike.
                throw new ArgumentException(
                    $"A transaction must stay in one partition: action {i} ({actions[i]}) is in partition '{entity.PartitionKey}', action 0 in '{partitionKey}'.",
                    nameof(actions));
            }
        }

        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        var tableUri = endpoint.AbsoluteUri.TrimEnd('/') + "/" + tableName;

        using var body = new MemoryStream();
        Write(body, $"--{batchBoundary}{Crlf}Content-Type: multipart/mixed; boundary={changesetBoundary}{Crlf}{Crlf}");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var entityUri = $"{tableUri}(PartitionKey='{TableNames.EscapeKey(entity.PartitionKey)}',RowKey='{TableNames.EscapeKey(entity.RowKey)}')";
            var ifMatch = (action.ETag == default ? ETag.All : action.ETag).ToString();
            var (method, uri, condition, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUri, null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", entityUri, ifMatch, true),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUri, ifMatch, true),
                TableTransactionActionType.Delete => ("DELETE", entityUri, ifMatch, false),
                TableTransactionActionType.UpsertMerge => ("MERGE", entityUri, (string?)null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUri, null, true),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action type."),
            };

            var part = string.Concat(
                $"--{changesetBoundary}{Crlf}",
                $"Content-Type: application/http{Crlf}",
                $"Content-Transfer-Encoding: binary{Crlf}{Crlf}",
                $"{method} {uri} HTTP/1.1{Crlf}",
                $"Accept: application/json;odata=minimalmetadata{Crlf}",
                $"DataServiceVersion: 3.0{Crlf}",
                condition is null ? string.Empty : $"If-Match: {condition}{Crlf}",
                hasBody ? $"Content-Type: application/json{Crlf}Prefer: return-no-content{Crlf}" : string.Empty,
                Crlf);
            Write(body, part);
            if (hasBody)
            {
                body.Write(TableEntityJson.Serialize(entity));
            }

            Write(body, Crlf);
            if (body.Length > TableClient.MaxTransactionBytes)
            {
                throw new ArgumentException(
                    $"A transaction's payload is at most {TableClient.MaxTransactionBytes / (1024 * 1024)} MiB; it exceeds that at action {i} ({action}).",
                    nameof(actions));
            }
        }

        Write(body, $"--{changesetBoundary}--{Crlf}--{batchBoundary}--{Crlf}");
        if (body.Length > TableClient.MaxTransactionBytes)
        {
            throw new ArgumentException($"A transaction's payload is at most {TableClient.MaxTransactionBytes / (1024 * 1024)} MiB.", nameof(actions));
        }

        return new Payload($"multipart/mixed; boundary={batchBoundary}", body.ToArray());
    }

    /// <summary>
    /// Reads the per-action responses. The service answers a refused changeset with a single error response
    /// whose message starts with the failed action's index ("3:The specified entity already exists.").
    /// </summary>
    public static IReadOnlyList<TableTransactionResult> ReadResponse(Response response, IReadOnlyList<TableTransactionAction> actions)
    {
        var text = response.Content.ToString();
        var parts = StatusLine().Matches(text);
        var results = new List<TableTransactionResult>();
        for (var i = 0; i < parts.Count; i++)
        {
            var start = parts[i].Index;
            var end = i + 1 < parts.Count ? parts[i + 1].Index : text.Length;
            var section = text[start..end];
            var status = int.Parse(parts[i].Groups["status"].Value, CultureInfo.InvariantCulture);
            var headerEnd = section.IndexOf(Crlf + Crlf, StringComparison.Ordinal);
            var headers = headerEnd < 0 ? section : section[..headerEnd];
            var content = headerEnd < 0 ? string.Empty : section[(headerEnd + 4)..];
            var boundary = content.IndexOf(Crlf + "--", StringComparison.Ordinal);
            if (boundary >= 0)
            {
                content = content[..boundary];
            }

            if (status >= 400)
            {
                throw Failure(response, status, headers, content, actions);
            }

            var etag = HeaderValue(headers, "ETag");
            results.Add(new TableTransactionResult(results.Count, status, etag is null ? default : new ETag(etag)));
        }

        if (results.Count != actions.Count)
        {
            throw new StorageRequestFailedException(response.Status, null,
                $"The transaction response holds {results.Count} results for {actions.Count} actions.", RequestId(response));
        }

        return results;
    }

    private static TableTransactionFailedException Failure(Response response, int status, string headers, string content, IReadOnlyList<TableTransactionAction> actions)
    {
        var (code, message) = StorageErrorParser.ReadBody(BinaryData.FromString(content.Trim()));
        int? index = null;
        if (message is not null && FailedIndex().Match(message) is { Success: true } match
            && int.TryParse(match.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            && parsed < actions.Count)
        {
            index = parsed;
            message = message[match.Length..];
        }
        else if (HeaderValue(headers, "Content-ID") is { } contentId
                 && int.TryParse(contentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1 && id <= actions.Count)
        {
            index = id - 1;
        }
        else if (actions.Count == 1)
        {
            index = 0;
        }

        code ??= HeaderValue(headers, "x-ms-error-code");
        var failed = index is { } at ? actions[at] : null;
        var text = $"The transaction was refused with HTTP {status} {code}"
            + (failed is null ? string.Empty : $" at action {index} ({failed})")
            + (string.IsNullOrWhiteSpace(message) ? "." : $": {message.Trim()}")
            + " Nothing was written.";
        return new TableTransactionFailedException(status, code, text, RequestId(response), index, failed);
    }

    private static string? RequestId(Response response) => response.Headers.TryGetValue("x-ms-request-id", out var id) ? id : null;

    private static string? HeaderValue(string headers, string name)
    {
        foreach (var line in headers.Split(Crlf))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static void Write(MemoryStream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    [GeneratedRegex(@"^HTTP/1\.1 (?<status>\d{3})", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(?<index>\d+):")]
    private static partial Regex FailedIndex();
}
