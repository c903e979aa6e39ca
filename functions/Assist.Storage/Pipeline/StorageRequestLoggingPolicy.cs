using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Pipeline;

/// <summary>
/// Logs every attempt's outcome (operation, method, path, status, error code, duration, request ids).
/// The query string is never logged: it can hold a SAS signature or a filter with personal data, and the
/// Authorization header is never read.
/// </summary>
internal sealed class StorageRequestLoggingPolicy(ILogger logger) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessCoreAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessCoreAsync(message, pipeline, async: true);

    private async ValueTask ProcessCoreAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (async)
            {
                await ProcessNextAsync(message, pipeline);
            }
            else
            {
                ProcessNext(message, pipeline);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Storage {Operation} {Method} {Path} failed without a response after {ElapsedMs} ms (client request {ClientRequestId})",
                StorageOperation.Of(message), message.Request.Method.Method, message.Request.Uri.Path, Elapsed(started), message.Request.ClientRequestId);
            throw;
        }

        var response = message.Response;
        // Successes are Debug (a busy app makes thousands); refusals are Information because callers often
        // expect them (404 on get-if-exists, 412 on a lost race); server errors are Warnings.
        var level = response.Status >= 500 ? LogLevel.Warning : response.Status >= 400 ? LogLevel.Information : LogLevel.Debug;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        response.Headers.TryGetValue("x-ms-error-code", out var errorCode);
        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        logger.Log(level, "Storage {Operation} {Method} {Path} answered {Status} {ErrorCode} in {ElapsedMs} ms (request {RequestId}, client request {ClientRequestId})",
            StorageOperation.Of(message), message.Request.Method.Method, message.Request.Uri.Path, response.Status, errorCode ?? string.Empty,
            Elapsed(started), requestId, message.Request.ClientRequestId);
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
