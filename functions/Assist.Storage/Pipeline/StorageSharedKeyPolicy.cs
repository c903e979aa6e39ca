using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Assist.Storage.Pipeline;

/// <summary>
/// Signs each attempt with the account key (the "SharedKey" scheme). Tables use the short form
/// (verb, MD5, type, date, resource with only <c>comp</c>); Blobs and Queues use the 12-line form with the
/// sorted <c>x-ms-*</c> headers and every query parameter. Must run after every policy that sets headers.
/// </summary>
internal sealed class StorageSharedKeyPolicy(StorageSharedKeyCredential credential, StorageServiceKind service) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var stringToSign = BuildStringToSign(message.Request, service, credential.AccountName);
        message.Request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{credential.ComputeHmacSha256(stringToSign)}");
    }

    internal static string BuildStringToSign(Request request, StorageServiceKind service, string accountName)
    {
        var uri = request.Uri.ToUri();
        return service == StorageServiceKind.Table
            ? BuildTableStringToSign(request, uri, accountName)
            : BuildBlobQueueStringToSign(request, uri, accountName);
    }

    private static string BuildTableStringToSign(Request request, Uri uri, string accountName)
    {
        var resource = "/" + accountName + uri.AbsolutePath;
        var comp = ParseQuery(uri).FirstOrDefault(p => p.Name == "comp");
        if (comp.Name is not null)
        {
            resource += "?comp=" + string.Join(",", comp.Values);
        }

        return string.Join('\n',
            request.Method.Method,
            Header(request, "Content-MD5"),
            Header(request, "Content-Type"),
            Header(request, "x-ms-date") is { Length: > 0 } date ? date : Header(request, "Date"),
            resource);
    }

    private static string BuildBlobQueueStringToSign(Request request, Uri uri, string accountName)
    {
        // Since version 2015-02-21 a zero length is signed as an empty string.
        var contentLength = request.Content is { } content && content.TryComputeLength(out var length) && length > 0
            ? length.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Empty;

        var builder = new StringBuilder();
        builder.Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append(string.Empty).Append('\n') // Date: x-ms-date is always sent and signed below instead.
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var (name, values) in ParseQuery(uri).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(name).Append(':').Append(string.Join(",", values.Order(StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    private static IEnumerable<(string Name, List<string> Values)> ParseQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return [];
        }

        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Name: Uri.UnescapeDataString(name).ToLowerInvariant(), Value: Uri.UnescapeDataString(value));
            })
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(p => p.Value).ToList()));
    }
}
