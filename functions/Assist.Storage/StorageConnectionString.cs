using System.Diagnostics.CodeAnalysis;
using Assist.Storage.Pipeline;

namespace Assist.Storage;

/// <summary>
/// A parsed Azure Storage connection string: account name, key and the three service endpoints.
/// Accepts <c>UseDevelopmentStorage=true</c> (Azurite on its default ports) and full connection strings
/// with either <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c> or explicit <c>*Endpoint</c> values.
/// </summary>
public sealed record StorageConnectionString(
    string AccountName,
    string? AccountKey,
    Uri BlobEndpoint,
    Uri QueueEndpoint,
    Uri TableEndpoint)
{
    /// <summary>The well-known Azurite development account. Public by design; not a secret.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known Azurite development key, published in the Azurite documentation.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageConnectionString Development(string host = "127.0.0.1", int blobPort = 10000, int queuePort = 10001, int tablePort = 10002) =>
        new(DevelopmentAccountName, DevelopmentAccountKey,
            new Uri($"http://{host}:{blobPort}/{DevelopmentAccountName}"),
            new Uri($"http://{host}:{queuePort}/{DevelopmentAccountName}"),
            new Uri($"http://{host}:{tablePort}/{DevelopmentAccountName}"));

    public static StorageConnectionString Parse(string connectionString)
    {
        if (!TryParse(connectionString, out var result, out var error))
        {
            throw new FormatException(error);
        }

        return result;
    }

    public static bool TryParse(string? connectionString, [NotNullWhen(true)] out StorageConnectionString? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "The storage connection string is empty.";
            return false;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"The storage connection string has a malformed segment near position of '{segment.Split('=')[0]}'.";
                return false;
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var host = "127.0.0.1";
            if (parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy) && Uri.TryCreate(proxy, UriKind.Absolute, out var proxyUri))
            {
                host = proxyUri.Host;
            }

            result = Development(host);
            error = null;
            return true;
        }

        parts.TryGetValue("AccountName", out var accountName);
        parts.TryGetValue("AccountKey", out var accountKey);
        var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var p) ? p : "https";
        var suffix = parts.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";

        Uri? Endpoint(string key, string service)
        {
            if (parts.TryGetValue(key, out var explicitEndpoint))
            {
                return Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out var uri) ? uri : null;
            }

            return string.IsNullOrEmpty(accountName) ? null : new Uri($"{protocol}://{accountName}.{service}.{suffix}");
        }

        var blob = Endpoint("BlobEndpoint", "blob");
        var queue = Endpoint("QueueEndpoint", "queue");
        var table = Endpoint("TableEndpoint", "table");
        if (blob is null || queue is null || table is null)
        {
            error = "The storage connection string needs AccountName (or valid BlobEndpoint, QueueEndpoint and TableEndpoint).";
            return false;
        }

        if (string.IsNullOrEmpty(accountName))
        {
            // Path-style endpoints (Azurite, custom domains) carry the account as the first path segment.
            accountName = blob.AbsolutePath.Trim('/').Split('/')[0];
            if (string.IsNullOrEmpty(accountName))
            {
                accountName = blob.Host.Split('.')[0];
            }
        }

        result = new StorageConnectionString(accountName, string.IsNullOrEmpty(accountKey) ? null : accountKey, blob, queue, table);
        error = null;
        return true;
    }

    /// <summary>A connection string that reproduces these endpoints; the key is included only when asked.</summary>
    public string ToConnectionString(bool includeKey = true) =>
        $"DefaultEndpointsProtocol={BlobEndpoint.Scheme};AccountName={AccountName};"
        + (includeKey && AccountKey is not null ? $"AccountKey={AccountKey};" : string.Empty)
        + $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>The Shared Key credential; throws when the connection string has no account key.</summary>
    public StorageSharedKeyCredential SharedKeyCredential() =>
        AccountKey is null
            ? throw new InvalidOperationException($"The connection string for account '{AccountName}' has no AccountKey; use service URIs with a Microsoft Entra credential instead.")
            : new StorageSharedKeyCredential(AccountName, AccountKey);

    /// <summary>Never print the key.</summary>
    public override string ToString() => ToConnectionString(includeKey: false);
}
