using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Diagnostics;

namespace Assist.Functions.Api;

/// <summary>
/// Storage that cannot be reached (connection refused or reset, timeouts, the service's own 5xx/408 after Azure.Core's
/// retries) is the service being unavailable, not a bug: the answer is 503 problem+json with <c>Retry-After</c>, so
/// clients and the Functions front end retry, instead of a 500. Nothing else changes: the app recovers by itself when
/// storage is back, because every request opens its own storage calls.
/// </summary>
public sealed partial class StorageUnavailable(ILogger<StorageUnavailable> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    /// <summary>Whether <paramref name="exception"/> (or what it wraps) says storage could not be reached or was overloaded.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 8; depth++, exception = exception.InnerException)
        {
            switch (exception)
            {
                case RequestFailedException { Status: 0 or 408 or >= 500 }:
                case HttpRequestException:
                case SocketException:
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnavailable):
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    public static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when IsUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Adds Retry-After; the problem+json body is then written by the problem details service like every other error.</summary>
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (IsUnavailable(exception))
        {
            LogUnavailable(logger, httpContext.Request.Path, exception.GetType().Name, exception.Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ValueTask.FromResult(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while serving {Path}: {ExceptionType} {Message}; answered 503")]
    private static partial void LogUnavailable(ILogger logger, PathString path, string exceptionType, string message);
}
