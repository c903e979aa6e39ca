using Assist.Storage.Pipeline;
using Assist.Storage.Queues;
using Assist.Tests;

namespace Assist.Storage.Tests.Queues;

[Collection(UsesAzurite.Name)]
public sealed class QueueClientTests(AzuriteFixture azurite)
{
    private async Task<QueueClient> NewQueueAsync(StorageClientOptions? options = null)
    {
        var queue = StorageTestClients.For(azurite, options).Queues.GetQueueClient(StorageTestClients.UniqueName("q"));
        Assert.True(await queue.CreateIfNotExistsAsync());
        return queue;
    }

    [Fact]
    public async Task CreateAndDelete_AreIdempotent()
    {
        var queue = await NewQueueAsync();

        Assert.False(await queue.CreateIfNotExistsAsync());
        Assert.True(await queue.DeleteIfExistsAsync());
        Assert.False(await queue.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task ReceiveMessagesAsync_HidesMessageUntilVisibilityTimeout()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendMessageAsync("<ticket id=\"T-1\"> & 中文");

        var first = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));
        var second = await queue.ReceiveMessagesAsync();

        Assert.Equal(sent.MessageId, first.MessageId);
        Assert.Equal("<ticket id=\"T-1\"> & 中文", first.MessageText);
        Assert.Equal(1, first.DequeueCount);
        Assert.Empty(second);
        Assert.True(first.NextVisibleOn > DateTimeOffset.UtcNow.AddMinutes(4));
    }

    [Fact]
    public async Task SendMessageAsync_WithVisibilityDelay_IsNotReceivableYetButCounted()
    {
        var queue = await NewQueueAsync();

        var receipt = await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromHours(1), timeToLive: TimeSpan.FromDays(2));

        Assert.Empty(await queue.ReceiveMessagesAsync());
        Assert.Empty(await queue.PeekMessagesAsync());
        Assert.Equal(1, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
        Assert.True(receipt.TimeNextVisible > DateTimeOffset.UtcNow.AddMinutes(59));
        Assert.True(receipt.ExpirationTime > DateTimeOffset.UtcNow.AddDays(1.9));
    }

    [Fact]
    public async Task PeekMessagesAsync_LeavesMessagesVisible()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        var peeked = await queue.PeekMessagesAsync(maxMessages: 32);
        var received = await queue.ReceiveMessagesAsync(maxMessages: 32);

        Assert.Equal(["a", "b"], peeked.Select(m => m.MessageText));
        Assert.Equal(["a", "b"], received.Select(m => m.MessageText).Order());
    }

    [Fact]
    public async Task DeleteMessageAsync_StalePopReceipt_FailsAndCurrentOneWorks()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("work");
        var taken = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(1)));

        var update = await queue.UpdateMessageAsync(taken.MessageId, taken.PopReceipt, "work (retried)", TimeSpan.Zero);
        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(taken.MessageId, taken.PopReceipt));
        var again = Assert.Single(await queue.ReceiveMessagesAsync());
        await queue.DeleteMessageAsync(again.MessageId, again.PopReceipt);

        Assert.NotEqual(taken.PopReceipt, update.PopReceipt);
        Assert.Equal((400, StorageErrorCode.PopReceiptMismatch), (stale.Status, stale.ErrorCode));
        Assert.Equal("work (retried)", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task UpdateMessageAsync_LongerVisibility_KeepsMessageHidden()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("timer");
        var taken = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));

        var update = await queue.UpdateMessageAsync(taken.MessageId, taken.PopReceipt, visibilityTimeout: TimeSpan.FromHours(1));

        Assert.True(update.NextVisibleOn > DateTimeOffset.UtcNow.AddMinutes(59));
        Assert.Empty(await queue.PeekMessagesAsync());
    }

    [Fact]
    public async Task Base64Encoding_RoundTripsTextXmlCannotHold()
    {
        var queue = await NewQueueAsync(new StorageClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        const string text = "bell \u0007 and nul-free control chars";

        await queue.SendMessageAsync(text);

        Assert.Equal(text, Assert.Single(await queue.PeekMessagesAsync()).MessageText);
        Assert.Equal(text, Assert.Single(await queue.ReceiveMessagesAsync()).MessageText);
    }
}
