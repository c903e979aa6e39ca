using Assist.Functions.Lifecycle;
using System.Net.Sockets;
using Assist.Storage;
using Assist.Storage.Pipeline;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Assist.LocalHost.Durable;

/// <summary>
/// The Durable Task engine of the local host, where the Functions host's Durable extension is not there: the Durable
/// Task Framework's Azure Storage provider, the engine the extension runs in Azure, reached by the Microsoft.DurableTask worker and client through the public in-process
/// sidecar (<see cref="TaskHubGrpcServer"/>). The sidecar listens on a Unix domain socket private to this process, so
/// no port is taken and nothing outside the process can reach it.
/// </summary>
/// <remarks>
/// Written by hand because no served package hosts a DTFx orchestration service for the Microsoft.DurableTask worker
/// outside the Functions host: the sidecar is public, but its only host (DurableTaskTestHost) is in-memory only.
/// </remarks>
public sealed partial class DurableEngine : IHostedLifecycleService, IAsyncDisposable
{
    private readonly DurableTaskSettings _settings;
    private readonly StorageOptions _storage;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Action<ClientOptions, StorageServiceKind>? _configureClients;
    private readonly string _socketPath;
    private WebApplication? _sidecar;
    private OrderlyOrchestrationService? _service;

    /// <summary>
    /// <paramref name="configureClients"/>, if given, adjusts the options of the provider's Table, Queue and Blob clients
    /// before they are built, e.g. with a pipeline policy that counts their requests: the benchmarks meter the engine's
    /// own storage transactions so. The app gives none.
    /// </summary>
    public DurableEngine(DurableTaskSettings settings, StorageOptions storage, ILoggerFactory loggers, Action<ClientOptions, StorageServiceKind>? configureClients = null)
    {
        _settings = settings;
        _storage = storage;
        _loggers = loggers;
        _logger = loggers.CreateLogger<DurableEngine>();
        _configureClients = configureClients;
        _socketPath = Path.Combine(Path.GetTempPath(), $"assist-durable-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        // The channel connects lazily: the worker and client may be built before the sidecar listens.
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = ConnectAsync },
            LoggerFactory = loggers,
        });
    }

    /// <summary>
    /// This process's name in the task hub's partition table. The provider's default is the machine name, and its
    /// table partition manager takes a lease held under its own name for its own: two app processes on one host each
    /// renewed every partition and ran the same orchestrations at once. The process id makes each
    /// process a worker of its own (an app restarted inside one process, as in tests, takes its partitions back at once): partitions are balanced between processes, and those of a killed process move
    /// on once their leases expire (30 s).
    /// </summary>
    public string WorkerId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The worker's and client's channel to the sidecar.</summary>
    public GrpcChannel Channel { get; }

    public DurableTaskSettings Settings => _settings;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = _settings.HubName,
            WorkerId = WorkerId,
            StorageAccountClientProvider = ClientProvider(_storage, _configureClients),
            PartitionCount = _settings.PartitionCount,
            ControlQueueVisibilityTimeout = _settings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = _settings.WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = _settings.MaxQueuePollingInterval,
            ControlQueueBatchSize = _settings.ControlQueueBatchSize,
            MaxConcurrentTaskActivityWorkItems = _settings.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = _settings.MaxConcurrentOrchestratorFunctions,
            LoggerFactory = _loggers,
        });
        // The sidecar starts the service but does not create the task hub.
        await provider.CreateIfNotExistsAsync();
        _service = new OrderlyOrchestrationService(provider, provider);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggers);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(_socketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(_service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(_service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _sidecar = builder.Build();
        _sidecar.MapGrpcService<TaskHubGrpcServer>();
        await _sidecar.StartAsync(cancellationToken);
        LogStarted(_logger, _settings.HubName, _settings.PartitionCount, WorkerId);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops the orchestration service while the worker is still connected: the host calls this before it stops any
    /// hosted service, so the work items the sidecar has handed to the worker are still answered, the partitions
    /// drain, and the service releases its partition leases (another process, or the next run, takes them over at
    /// once). Stopped after the worker, the drain would wait for answers that never come. The sidecar's dispatchers
    /// find nothing more to fetch; its own stop later joins this one. Bounded, never faults
    /// (<see cref="OrderlyOrchestrationService"/>).
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_service is not null)
        {
            await _service.StopAsync();
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sidecar is not null)
        {
            await _sidecar.StopAsync(cancellationToken);
        }

        if (_service is not null)
        {
            // Already stopped in StoppingAsync unless a host without lifecycle services stops this one directly.
            await _service.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
            _sidecar = null;
        }

        File.Delete(_socketPath);
    }

    /// <summary>The same account as the app's tables and blobs: a connection string, or service URIs and Entra ID.</summary>
    private static StorageAccountClientProvider ClientProvider(StorageOptions storage, Action<ClientOptions, StorageServiceKind>? configure)
    {
        T Options<T>(T options, StorageServiceKind service)
            where T : ClientOptions
        {
            configure?.Invoke(options, service);
            return options;
        }

        var blobs = Options(new BlobClientOptions(), StorageServiceKind.Blob);
        var queues = Options(new QueueClientOptions(), StorageServiceKind.Queue);
        var tables = Options(new TableClientOptions(), StorageServiceKind.Table);
        if (storage.HasConnectionString)
        {
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(storage.ConnectionString!, blobs),
                StorageServiceClientProvider.ForQueue(storage.ConnectionString!, queues),
                StorageServiceClientProvider.ForTable(storage.ConnectionString!, tables));
        }

        if (!storage.HasServiceUris)
        {
            throw StorageOptions.NotConfigured();
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(storage.ManagedIdentityClientId) ? null : storage.ManagedIdentityClientId,
        });
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(storage.BlobServiceUri!, credential, blobs),
            StorageServiceClientProvider.ForQueue(storage.QueueServiceUri!, credential, queues),
            StorageServiceClientProvider.ForTable(storage.TableServiceUri!, credential, tables));
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task engine started: task hub {HubName}, {PartitionCount} partitions, Azure Storage provider, worker {WorkerId}")]
    private static partial void LogStarted(ILogger logger, string hubName, int partitionCount, string workerId);
}
