using Assist.Storage.Queues;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assist.Storage.Pipeline;

/// <summary>
/// Options for the storage clients: Azure.Core's retry, transport and diagnostics options, plus the
/// protocol version, a clock (request dates and SAS times), request logging and transaction metering.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The REST version every request asks for; Azurite 3.37 and Azure both serve it.</summary>
    public const string DefaultServiceVersion = "2025-11-05";

    public StorageClientOptions()
    {
        // Keep Azure.Core's own EventSource logging redacted but useful: these query parameters name the
        // operation and are never secrets (a SAS signature, "sig", stays redacted).
        foreach (var name in new[] { "comp", "restype", "blockid", "prefix", "marker", "maxresults", "numofmessages", "peekonly", "visibilitytimeout", "messagettl", "$top", "$select" })
        {
            Diagnostics.LoggedQueryParameters.Add(name);
        }

        foreach (var name in new[] { "x-ms-error-code", "x-ms-version", "x-ms-blob-type", "x-ms-range", "ETag", "If-Match" })
        {
            Diagnostics.LoggedHeaderNames.Add(name);
        }
    }

    public string ServiceVersion { get; set; } = DefaultServiceVersion;

    /// <summary>The clock for request dates and SAS start/expiry times; tests pass a fixed one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where each request's outcome is logged (category <c>Assist.Storage.Requests</c>).</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Counters of storage transactions; share one instance across clients to meter a whole account.</summary>
    public StorageMetering Metering { get; set; } = new();

    /// <summary>How queue message text travels: as-is (XML-escaped) or base64, which survives any characters.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.None;
}
