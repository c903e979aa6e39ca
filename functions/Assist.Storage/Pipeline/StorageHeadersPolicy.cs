using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Assist.Storage.Pipeline;

/// <summary>
/// Stamps the protocol version and a fresh request date on every attempt: a retried request must carry
/// a new date, or the service rejects its signature as stale.
/// </summary>
internal sealed class StorageHeadersPolicy(string serviceVersion, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", serviceVersion);
        message.Request.Headers.SetValue("x-ms-date", timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}
