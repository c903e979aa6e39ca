using System.Text.Json;
using Assist.Storage.Pipeline;
using Azure;
using Azure.Core;

namespace Assist.Storage.Tables;

/// <summary>
/// One table: entity CRUD with optimistic concurrency, entity group transactions and paged queries,
/// shaped like Azure.Data.Tables' <c>TableClient</c>.
/// </summary>
public sealed class TableClient
{
    /// <summary>The most actions an entity group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>The largest entity group transaction payload the service accepts (4 MiB).</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    private const string JsonAccept = "application/json;odata=minimalmetadata";
    private static readonly RequestMethod Merge = RequestMethod.Parse("MERGE");
    private readonly StorageRestClient _rest;

    internal TableClient(StorageRestClient rest, string tableName)
    {
        TableNames.ValidateTableName(tableName);
        _rest = rest;
        Name = tableName;
    }

    public string Name { get; }

    public Uri Uri => new($"{_rest.Endpoint.AbsoluteUri}/{Name}");

    /// <summary>Builds a safe <c>$filter</c>: see <see cref="TableFilter.Create"/>.</summary>
    public static string CreateQueryFilter(FormattableString filter) => TableFilter.Create(filter);

    /// <summary>Creates the table; true if it was created, false if it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, StorageOperationKind.TableCreate, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await _rest.SendAsync(message, cancellationToken, 409);
        if (response.Status != 409)
        {
            return true;
        }

        return IsCode(response, StorageErrorCode.TableAlreadyExists)
            ? false
            : throw StorageErrorParser.CreateException(response, StorageOperationKind.TableCreate);
    }

    /// <summary>Deletes the table; true if it existed.</summary>
    public async Task<bool> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, StorageOperationKind.TableDelete, $"/Tables('{Name}')");
        var response = await _rest.SendAsync(message, cancellationToken, 404);
        return response.Status != 404;
    }

    /// <summary>Inserts a new entity; fails with <see cref="StorageErrorCode.EntityAlreadyExists"/> (409) if the key is taken.</summary>
    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ValidateEntity(entity);
        using var message = CreateMessage(RequestMethod.Post, StorageOperationKind.TableInsert, "/" + Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, entity);
        var response = await _rest.SendAsync(message, cancellationToken);
        return ETagOf(response);
    }

    /// <summary>Reads one entity; throws <see cref="StorageRequestFailedException"/> with 404 <see cref="StorageErrorCode.ResourceNotFound"/> if absent.</summary>
    public async Task<TableEntity> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetMessage(partitionKey, rowKey, select);
        return ReadEntity(await _rest.SendAsync(message, cancellationToken));
    }

    /// <summary>Reads one entity, or null if it does not exist (no exception for the common "not there yet").</summary>
    public async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetMessage(partitionKey, rowKey, select);
        var response = await _rest.SendAsync(message, cancellationToken, 404);
        return response.Status == 404 ? null : ReadEntity(response);
    }

    /// <summary>
    /// Updates an existing entity if its ETag still matches <paramref name="ifMatch"/> (<see cref="ETag.All"/> for
    /// unconditional); otherwise 412 <see cref="StorageErrorCode.UpdateConditionNotSatisfied"/>. Returns the new ETag.
    /// </summary>
    public async Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ValidateEntity(entity);
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs an ETag: the entity's ETag for a conditional update, or ETag.All.", nameof(ifMatch));
        }

        using var message = CreateMessage(mode == TableUpdateMode.Replace ? RequestMethod.Put : Merge, StorageOperationKind.TableUpdate, EntityPath(entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch.ToString());
        SetJsonContent(message.Request, entity);
        return ETagOf(await _rest.SendAsync(message, cancellationToken));
    }

    /// <summary>Inserts the entity or, if it exists, merges into or replaces it. Returns the new ETag.</summary>
    public async Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ValidateEntity(entity);
        using var message = CreateMessage(mode == TableUpdateMode.Replace ? RequestMethod.Put : Merge, StorageOperationKind.TableUpsert, EntityPath(entity.PartitionKey, entity.RowKey));
        SetJsonContent(message.Request, entity);
        return ETagOf(await _rest.SendAsync(message, cancellationToken));
    }

    /// <summary>
    /// Deletes an entity if its ETag matches (default: unconditional). True if deleted, false if it did not exist;
    /// a changed entity throws 412 <see cref="StorageErrorCode.UpdateConditionNotSatisfied"/>.
    /// </summary>
    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableNames.ValidateKey(partitionKey, nameof(partitionKey));
        TableNames.ValidateKey(rowKey, nameof(rowKey));
        using var message = CreateMessage(RequestMethod.Delete, StorageOperationKind.TableDeleteEntity, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? ETag.All.ToString() : ifMatch.ToString());
        var response = await _rest.SendAsync(message, cancellationToken, 404);
        return response.Status != 404;
    }

    /// <summary>
    /// Queries entities, following continuation tokens page by page. <paramref name="filter"/> should come from
    /// <see cref="TableFilter"/>; <paramref name="maxPerPage"/> is <c>$top</c> (the service caps a page at 1,000).
    /// Enumerate <c>.AsPages(token)</c> to resume from a saved continuation token.
    /// </summary>
    public AsyncPageable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var selected = select is null ? null : string.Join(",", select);
        return new StorageAsyncPageable<TableEntity>(
            (token, pageSize, ct) => QueryPageAsync(filter, pageSize ?? maxPerPage, selected, token, ct),
            cancellationToken);
    }

    /// <summary>
    /// Commits up to 100 actions on one partition atomically: all are applied or none. Cross-partition, empty,
    /// oversized (more than 100 actions or 4 MiB) transactions are rejected here, before anything is sent.
    /// A refused transaction throws <see cref="TableTransactionFailedException"/> naming the failed action.
    /// </summary>
    public async Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        var batch = TableTransactionBatch.Build(_rest.Endpoint, Name, actions);
        using var message = CreateMessage(RequestMethod.Post, StorageOperationKind.TableBatch, "/$batch");
        message.Request.Headers.SetValue("Content-Type", batch.ContentType);
        message.Request.Content = RequestContent.Create(batch.Body);
        var response = await _rest.SendAsync(message, cancellationToken);
        return TableTransactionBatch.ReadResponse(response, actions);
    }

    private HttpMessage CreateGetMessage(string partitionKey, string rowKey, IEnumerable<string>? select)
    {
        TableNames.ValidateKey(partitionKey, nameof(partitionKey));
        TableNames.ValidateKey(rowKey, nameof(rowKey));
        var message = CreateMessage(RequestMethod.Get, StorageOperationKind.TableGet, EntityPath(partitionKey, rowKey));
        if (select is not null)
        {
            message.Request.Uri.AppendQuery("$select", string.Join(",", select));
        }

        return message;
    }

    private static TableEntity ReadEntity(Response response)
    {
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Read(document.RootElement);
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    private async Task<Page<TableEntity>> QueryPageAsync(string? filter, int? top, string? select, string? continuationToken, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, StorageOperationKind.TableQuery, $"/{Name}()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter);
        }

        if (top is { } pageSize)
        {
            uri.AppendQuery("$top", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (select is not null)
        {
            uri.AppendQuery("$select", select);
        }

        if (TableContinuationToken.TryParse(continuationToken, out var nextPartitionKey, out var nextRowKey))
        {
            uri.AppendQuery("NextPartitionKey", nextPartitionKey);
            if (nextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", nextRowKey);
            }
        }

        var response = await _rest.SendAsync(message, cancellationToken);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entities = document.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Read).ToList();
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk);
        return Page<TableEntity>.FromValues(entities, TableContinuationToken.Format(nextPk, nextRk), response);
    }

    private HttpMessage CreateMessage(RequestMethod method, StorageOperationKind operation, string escapedPath)
    {
        var message = _rest.CreateMessage(method, operation, escapedPath);
        message.Request.Headers.SetValue("Accept", JsonAccept);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private string EntityPath(string partitionKey, string rowKey) =>
        $"/{Name}(PartitionKey='{TableNames.EscapeKey(partitionKey)}',RowKey='{TableNames.EscapeKey(rowKey)}')";

    private static void SetJsonContent(Request request, TableEntity entity)
    {
        request.Headers.SetValue("Content-Type", "application/json");
        request.Content = RequestContent.Create(TableEntityJson.Serialize(entity));
    }

    private static void ValidateEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableNames.ValidateKey(entity.GetString(TableEntity.PartitionKeyName), TableEntity.PartitionKeyName);
        TableNames.ValidateKey(entity.GetString(TableEntity.RowKeyName), TableEntity.RowKeyName);
    }

    private static bool IsCode(Response response, string code) =>
        (response.Headers.TryGetValue("x-ms-error-code", out var header) ? header : StorageErrorParser.ReadBody(response.Content).Code) == code;

    private static ETag ETagOf(Response response) => response.Headers.ETag ?? default;
}
