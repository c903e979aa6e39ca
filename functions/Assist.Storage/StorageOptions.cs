namespace Assist.Storage;

/// <summary>
/// How the app reaches Azure Storage. Either a connection string (Shared Key: Azurite and local runs) or
/// service URIs with a Microsoft Entra identity (Azure: managed identity, no account keys).
/// Bound from the <c>Storage</c> configuration section (<c>Storage__ConnectionString</c> etc. in app settings).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A Shared Key connection string, e.g. <c>UseDevelopmentStorage=true</c>.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one or developer credentials.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The three service endpoints, from the connection string or the explicit URIs.</summary>
    public StorageEndpoints ResolveEndpoints()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            var parsed = StorageConnectionString.Parse(ConnectionString);
            return new StorageEndpoints(parsed.AccountName, parsed.BlobEndpoint, parsed.QueueEndpoint, parsed.TableEndpoint, UsesSharedKey: parsed.AccountKey is not null);
        }

        if (BlobServiceUri is null || QueueServiceUri is null || TableServiceUri is null)
        {
            throw new InvalidOperationException(
                "Storage is not configured: set Storage__ConnectionString, or Storage__BlobServiceUri, Storage__QueueServiceUri and Storage__TableServiceUri.");
        }

        return new StorageEndpoints(BlobServiceUri.Host.Split('.')[0], BlobServiceUri, QueueServiceUri, TableServiceUri, UsesSharedKey: false);
    }
}

/// <summary>The account and its three service endpoints.</summary>
public sealed record StorageEndpoints(string AccountName, Uri Blob, Uri Queue, Uri Table, bool UsesSharedKey);
