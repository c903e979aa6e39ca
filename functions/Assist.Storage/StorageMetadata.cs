using Azure;

namespace Assist.Storage;

/// <summary>Blob and queue metadata travel as <c>x-ms-meta-{name}</c> headers.</summary>
internal static class StorageMetadata
{
    public const string HeaderPrefix = "x-ms-meta-";

    public static IReadOnlyDictionary<string, string> FromHeaders(Response response) =>
        response.Headers
            .Where(h => h.Name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Name[HeaderPrefix.Length..], h => h.Value, StringComparer.OrdinalIgnoreCase);

    public static void ToHeaders(Azure.Core.Request request, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var (name, value) in metadata)
        {
            request.Headers.SetValue(HeaderPrefix + name, value);
        }
    }
}
