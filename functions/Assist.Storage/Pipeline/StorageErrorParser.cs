using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace Assist.Storage.Pipeline;

/// <summary>
/// Reads a failed response into a <see cref="StorageRequestFailedException"/>: the code comes from
/// <c>x-ms-error-code</c> or the body (JSON for Tables, XML for Blobs and Queues; HEAD has no body).
/// </summary>
internal static class StorageErrorParser
{
    public static StorageRequestFailedException CreateException(Response response, StorageOperationKind operation)
    {
        var (code, message) = ReadBody(response.Content);
        if (response.Headers.TryGetValue("x-ms-error-code", out var headerCode) && !string.IsNullOrEmpty(headerCode))
        {
            code = headerCode;
        }

        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        var text = $"{operation} failed with HTTP {response.Status} {code ?? response.ReasonPhrase}"
            + (string.IsNullOrWhiteSpace(message) ? "." : $": {message.Trim()}")
            + (requestId is null ? string.Empty : $" (request id {requestId})");
        return new StorageRequestFailedException(response.Status, code, text, requestId);
    }

    /// <summary>The error code and message of a Tables JSON or Blob/Queue XML error body; nulls when absent.</summary>
    public static (string? Code, string? Message) ReadBody(BinaryData? body)
    {
        if (body is null || body.ToMemory().IsEmpty)
        {
            return (null, null);
        }

        var span = body.ToMemory().Span;
        var first = span.TrimStart("\r\n\t "u8);
        try
        {
            if (!first.IsEmpty && first[0] == (byte)'{')
            {
                using var document = JsonDocument.Parse(body.ToMemory());
                if (document.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = error.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, message);
                }
            }
            else if (!first.IsEmpty && first[0] == (byte)'<' || span.Length >= 3 && span[0] == 0xEF)
            {
                var document = XDocument.Parse(body.ToString());
                var root = document.Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }
        }
        catch (JsonException)
        {
            // A malformed error body still leaves the status and header code to report.
        }
        catch (XmlException)
        {
            // As above.
        }

        return (null, null);
    }
}
