using System.Security.Cryptography;
using System.Text;
using Assist.Storage.Blobs;
using Assist.Storage.Pipeline;
using Assist.Storage.Queues;
using Assist.Storage.Tables;
using Assist.Tests;
using Azure.Core.Pipeline;

namespace Assist.Storage.Tests.Pipeline;

/// <summary>
/// Shared Key signatures checked against strings to sign written out by hand from the REST documentation,
/// with a fixed clock and client request id so every byte is known.
/// </summary>
public sealed class SharedKeySigningTests
{
    private const string Account = "assistacct";
    private static readonly string Key = Convert.ToBase64String(Encoding.ASCII.GetBytes("not-a-real-key-but-valid-base64!"));
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
    private const string RequestId = "11111111-2222-3333-4444-555555555555";
    private const string Date = "Sat, 21 Nov 2026 08:00:00 GMT";

    private static (StorageClientOptions Options, FakeTransport Transport) Options()
    {
        var transport = new FakeTransport();
        var options = new StorageClientOptions { Transport = transport, TimeProvider = new ManualTimeProvider(Now) };
        options.Retry.MaxRetries = 0;
        return (options, transport);
    }

    private static string Sign(string stringToSign) =>
        $"SharedKey {Account}:{Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Key), Encoding.UTF8.GetBytes(stringToSign)))}";

    [Fact]
    public async Task TableRequest_PathStyleEndpoint_SignsShortFormWithAccountTwice()
    {
        var (options, transport) = Options();
        transport.Respond(204, "", ("ETag", "W/\"x\""));
        var table = new TableServiceClient(new Uri($"http://127.0.0.1:10002/{Account}"), new StorageSharedKeyCredential(Account, Key), options).GetTableClient("tickets");

        using (HttpPipeline.CreateClientRequestIdScope(RequestId))
        {
            await table.AddEntityAsync(new TableEntity("p", "r"));
        }

        var sent = Assert.Single(transport.Requests);
        var expected = $"POST\n\napplication/json\n{Date}\n/{Account}/{Account}/tickets";
        Assert.Equal(Sign(expected), sent.Headers["Authorization"]);
        Assert.Equal(Date, sent.Headers["x-ms-date"]);
        Assert.Equal(StorageClientOptions.DefaultServiceVersion, sent.Headers["x-ms-version"]);
    }

    [Fact]
    public async Task TableRequest_EntityKeysWithQuotes_SignsTheEscapedPath()
    {
        var (options, transport) = Options();
        transport.Respond(204);
        var table = new TableServiceClient(new Uri($"https://{Account}.table.core.windows.net"), new StorageSharedKeyCredential(Account, Key), options).GetTableClient("tickets");

        await table.DeleteEntityAsync("a b", "O'Neil");

        var sent = Assert.Single(transport.Requests);
        Assert.Equal("/tickets(PartitionKey='a%20b',RowKey='O%27%27Neil')", sent.Uri.AbsolutePath);
        Assert.Equal(Sign($"DELETE\n\n\n{Date}\n/{Account}/tickets(PartitionKey='a%20b',RowKey='O%27%27Neil')"), sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task BlobPutBlock_SignsTwelveLinesSortedHeadersAndQuery()
    {
        var (options, transport) = Options();
        transport.Respond(201).Respond(201, "", ("ETag", "\"e\""), ("Last-Modified", Date));
        var blob = new BlobServiceClient(new Uri($"https://{Account}.blob.core.windows.net"), new StorageSharedKeyCredential(Account, Key), options)
            .GetBlobContainerClient("attachments").GetBlobClient("t/1.bin");

        using (HttpPipeline.CreateClientRequestIdScope(RequestId))
        {
            await blob.UploadAsync(new MemoryStream(new byte[10]), new BlobUploadOptions { BlockSize = 8 });
        }

        var putBlock = transport.Requests[0];
        var blockId = Uri.UnescapeDataString(putBlock.Uri.Query.Split("blockid=")[1].Split('&')[0]);
        var expected =
            "PUT\n\n\n8\n\n\n\n\n\n\n\n\n"
            + $"x-ms-client-request-id:{RequestId}\n"
            + $"x-ms-date:{Date}\n"
            + "x-ms-return-client-request-id:true\n"
            + $"x-ms-version:{StorageClientOptions.DefaultServiceVersion}\n"
            + $"/{Account}/attachments/t/1.bin\nblockid:{blockId}\ncomp:block";
        Assert.Equal(Sign(expected), putBlock.Headers["Authorization"]);
        Assert.Equal(3, transport.Requests.Count);
    }

    [Fact]
    public async Task QueueReceive_SignsQueryParametersLowercasedAndSorted()
    {
        var (options, transport) = Options();
        transport.Respond(200, "<QueueMessagesList/>");
        var queue = new QueueServiceClient(new Uri($"http://127.0.0.1:10001/{Account}"), new StorageSharedKeyCredential(Account, Key), options).GetQueueClient("work");

        using (HttpPipeline.CreateClientRequestIdScope(RequestId))
        {
            await queue.ReceiveMessagesAsync(maxMessages: 5, visibilityTimeout: TimeSpan.FromSeconds(30));
        }

        var expected =
            "GET\n\n\n\n\n\n\n\n\n\n\n\n"
            + $"x-ms-client-request-id:{RequestId}\n"
            + $"x-ms-date:{Date}\n"
            + "x-ms-return-client-request-id:true\n"
            + $"x-ms-version:{StorageClientOptions.DefaultServiceVersion}\n"
            + $"/{Account}/{Account}/work/messages\nnumofmessages:5\nvisibilitytimeout:30";
        Assert.Equal(Sign(expected), Assert.Single(transport.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task RetriedRequest_IsReSignedWithAFreshDateAndMeteredPerAttempt()
    {
        var transport = new FakeTransport().Respond(503).Respond(204, "", ("ETag", "W/\"x\""));
        var clock = new ManualTimeProvider(Now);
        transport.OnSend = () => clock.Advance(TimeSpan.FromSeconds(1));
        var options = new StorageClientOptions { Transport = transport, TimeProvider = clock };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var table = new TableServiceClient(new Uri($"https://{Account}.table.core.windows.net"), new StorageSharedKeyCredential(Account, Key), options).GetTableClient("tickets");

        await table.UpsertEntityAsync(new TableEntity("p", "r"));

        Assert.Equal(2, transport.Requests.Count);
        Assert.NotEqual(transport.Requests[0].Headers["x-ms-date"], transport.Requests[1].Headers["x-ms-date"]);
        Assert.All(transport.Requests, r => Assert.Equal(
            Sign($"MERGE\n\napplication/json\n{r.Headers["x-ms-date"]}\n/{Account}/tickets(PartitionKey='p',RowKey='r')"),
            r.Headers["Authorization"]));
        Assert.Equal(2, options.Metering.Snapshot()[StorageOperationKind.TableUpsert]);
    }

    [Fact]
    public void BlobSas_StringToSign_MatchesTheDocumentedLayout()
    {
        var builder = new BlobSasBuilder
        {
            BlobContainerName = "attachments",
            BlobName = "t/1.pdf",
            Permissions = BlobSasPermissions.Read | BlobSasPermissions.Write,
            ExpiresOn = Now.AddMinutes(10),
            Protocol = "https",
            ContentDisposition = "attachment",
        };
        var credential = new StorageSharedKeyCredential(Account, Key);

        var query = builder.ToSasQueryParameters(credential);

        var expected = string.Join('\n', "rw", "", "2026-11-21T08:10:00Z", $"/blob/{Account}/attachments/t/1.pdf", "", "", "https", "2020-12-06", "b", "", "", "", "attachment", "", "", "");
        var signature = Sign(expected)[$"SharedKey {Account}:".Length..];
        Assert.Equal(
            $"sv=2020-12-06&spr=https&se=2026-11-21T08%3A10%3A00Z&sr=b&sp=rw&rscd=attachment&sig={Uri.EscapeDataString(signature)}",
            query);
    }
}
