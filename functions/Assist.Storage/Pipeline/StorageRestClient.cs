using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Assist.Storage.Pipeline;

/// <summary>
/// One service endpoint reached through an Azure.Core pipeline: builds messages for an operation and
/// turns refusals into <see cref="StorageRequestFailedException"/>. Shared by the clients of that service.
/// </summary>
internal sealed class StorageRestClient
{
    public StorageRestClient(HttpPipeline pipeline, Uri endpoint, StorageServiceKind service, StorageSharedKeyCredential? sharedKey, StorageClientOptions options)
    {
        Pipeline = pipeline;
        Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/'));
        Service = service;
        SharedKey = sharedKey;
        Options = options;
    }

    public HttpPipeline Pipeline { get; }

    /// <summary>The service endpoint without a trailing slash, e.g. <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri Endpoint { get; }

    public StorageServiceKind Service { get; }

    public StorageSharedKeyCredential? SharedKey { get; }

    public StorageClientOptions Options { get; }

    /// <summary>A message for <paramref name="escapedPath"/> (already escaped, starting with '/'), tagged with its operation.</summary>
    public HttpMessage CreateMessage(RequestMethod method, StorageOperationKind operation, string escapedPath)
    {
        var message = Pipeline.CreateMessage();
        StorageOperation.Set(message, operation);
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Endpoint);
        request.Uri.AppendPath(escapedPath, escape: false);
        return message;
    }

    /// <summary>
    /// Sends and returns the response; a status of 400 or more throws, unless it is one of
    /// <paramref name="tolerated"/> (e.g. 404 for an if-exists read), which the caller then handles.
    /// </summary>
    public async ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] tolerated)
    {
        await Pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status >= 400 && Array.IndexOf(tolerated, response.Status) < 0)
        {
            if (!message.BufferResponse && response.ContentStream is { } stream and not MemoryStream)
            {
                // A streaming download that failed: its error body is small, so read it for the error code.
                var buffered = new MemoryStream();
                await stream.CopyToAsync(buffered, cancellationToken);
                buffered.Position = 0;
                response.ContentStream = buffered;
            }

            throw StorageErrorParser.CreateException(response, StorageOperation.Of(message));
        }

        return response;
    }
}
