using System.Diagnostics;
using Assist.Storage;

namespace Assist.Functions.Health;

/// <summary>
/// Checks that each storage service endpoint answers. Any HTTP answer means the service is reachable;
/// a refused or timed-out connection means it is not.
/// </summary>
public sealed class StorageProbe(HttpClient httpClient, StorageAccountClients clients)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<EndpointHealth>> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new[] { ("blob", clients.Blobs.Uri), ("queue", clients.Queues.Uri), ("table", clients.Tables.Uri) };
        return await Task.WhenAll(checks.Select(c => CheckOneAsync(c.Item1, c.Item2, cancellationToken)));
    }

    private async Task<EndpointHealth> CheckOneAsync(string service, Uri endpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new EndpointHealth(service, endpoint.GetLeftPart(UriPartial.Path), true, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (HttpRequestException exception)
        {
            return new EndpointHealth(service, endpoint.GetLeftPart(UriPartial.Path), false, null, $"connection failed: {exception.HttpRequestError}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new EndpointHealth(service, endpoint.GetLeftPart(UriPartial.Path), false, null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
    }
}

/// <summary>One service endpoint's reachability.</summary>
public sealed record EndpointHealth(string Service, string Endpoint, bool Reachable, int? LatencyMs, string? Reason);
