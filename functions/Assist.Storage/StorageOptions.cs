using Microsoft.Extensions.Configuration;

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

    public bool HasConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public bool HasServiceUris => BlobServiceUri is not null && QueueServiceUri is not null && TableServiceUri is not null;

    /// <summary>The <c>Storage</c> section; without a connection string or table URI there, the Functions host's own <c>AzureWebJobsStorage</c>.</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (!options.HasConnectionString && options.TableServiceUri is null)
        {
            options.ConnectionString = configuration["AzureWebJobsStorage"];
        }

        return options;
    }

    /// <summary>The error for a configuration that names neither a connection string nor all three service URIs.</summary>
    public static InvalidOperationException NotConfigured() => new(
        "Storage is not configured: set Storage__ConnectionString, or Storage__BlobServiceUri, Storage__QueueServiceUri and Storage__TableServiceUri.");
}
