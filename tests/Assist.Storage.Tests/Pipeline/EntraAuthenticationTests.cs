using Assist.Storage.Pipeline;
using Assist.Storage.Tables;
using Azure.Core;

namespace Assist.Storage.Tests.Pipeline;

public sealed class EntraAuthenticationTests
{
    /// <summary>A credential that hands out a fixed token and remembers the scopes it was asked for.</summary>
    private sealed class FakeCredential : TokenCredential
    {
        public List<string[]> RequestedScopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            RequestedScopes.Add(requestContext.Scopes);
            return new AccessToken("token-from-entra", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    [Fact]
    public async Task Create_ServiceUrisAndCredential_SendsBearerTokenForStorageScope()
    {
        var transport = new FakeTransport().Respond(204, "", ("ETag", "W/\"x\"")).Respond(201, "<QueueMessagesList><QueueMessage><MessageId>m</MessageId><PopReceipt>p</PopReceipt></QueueMessage></QueueMessagesList>");
        var credential = new FakeCredential();
        var options = new StorageOptions
        {
            BlobServiceUri = new Uri("https://assistprod.blob.core.windows.net"),
            QueueServiceUri = new Uri("https://assistprod.queue.core.windows.net"),
            TableServiceUri = new Uri("https://assistprod.table.core.windows.net"),
        };

        var clients = StorageAccountClients.Create(options, new StorageClientOptions { Transport = transport }, credential);
        await clients.Tables.GetTableClient("tickets").AddEntityAsync(new TableEntity("p", "r"));
        await clients.Queues.GetQueueClient("work").SendMessageAsync("hi");

        Assert.False(clients.UsesSharedKey);
        Assert.All(transport.Requests, r => Assert.Equal("Bearer token-from-entra", r.Headers["Authorization"]));
        Assert.Equal("assistprod.table.core.windows.net", transport.Requests[0].Uri.Host);
        Assert.Equal("assistprod.queue.core.windows.net", transport.Requests[1].Uri.Host);
        Assert.All(credential.RequestedScopes, s => Assert.Equal(["https://storage.azure.com/.default"], s));
        Assert.NotEmpty(credential.RequestedScopes);
        Assert.False(clients.Blobs.GetBlobContainerClient("attachments").GetBlobClient("b").CanGenerateSasUri);
    }

    [Fact]
    public void Create_ConnectionStringWithoutKey_SaysToUseEntra()
    {
        var options = new StorageOptions { ConnectionString = "BlobEndpoint=https://a.blob.core.windows.net;QueueEndpoint=https://a.queue.core.windows.net;TableEndpoint=https://a.table.core.windows.net" };

        var failure = Assert.Throws<InvalidOperationException>(() => StorageAccountClients.Create(options));

        Assert.Contains("Entra", failure.Message, StringComparison.Ordinal);
    }
}
