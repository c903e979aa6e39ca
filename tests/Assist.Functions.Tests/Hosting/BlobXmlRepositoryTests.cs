using System.Net;
using System.Xml.Linq;
using Assist.Functions.Hosting;
using Assist.Functions.Tests.Api;
using Assist.Storage;
using Assist.Tests;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Tests.Hosting;

[Collection(UsesAzurite.Name)]
public sealed class BlobXmlRepositoryTests(AzuriteFixture storage)
{
    [Fact]
    public void StoreElement_ThenAnotherInstanceReads_SeesEveryKey()
    {
        var container = "dp" + Guid.NewGuid().ToString("N")[..12];
        var blobs = new BlobServiceClient(storage.Azurite.ConnectionString);
        var first = new BlobXmlRepository(blobs.GetBlobContainerClient(container));
        var second = new BlobXmlRepository(blobs.GetBlobContainerClient(container));

        first.StoreElement(new XElement("key", new XAttribute("id", "a")), "key-a");
        second.StoreElement(new XElement("key", new XAttribute("id", "b")), "key-a");

        var ids = new BlobXmlRepository(blobs.GetBlobContainerClient(container)).GetAllElements()
            .Select(e => (string?)e.Attribute("id")).Order().ToList();
        Assert.Equal(["a", "b"], ids);
    }

    [Fact]
    public async Task App_KeyRing_LivesInBlobStorageAndTokensWorkOnASecondInstance()
    {
        await using var first = await ApiHarness.StartAsync(storage.Azurite);
        await using var second = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["Workflow:StorageNamePrefix"] = first.Prefix });

        var repository = first.App.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
        var officer = await first.SignInAsync("officer.finance.1");
        using var onSecond = new HttpClient { BaseAddress = second.App.BaseAddress, DefaultRequestHeaders = { Authorization = officer.DefaultRequestHeaders.Authorization } };
        using var desk = await onSecond.GetAsync("/api/staff/desk");

        Assert.IsType<BlobXmlRepository>(repository);
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        var keys = new BlobServiceClient(storage.Azurite.ConnectionString).GetBlobContainerClient(BlobXmlRepository.ContainerName).GetBlobsAsync(BlobTraits.None, BlobStates.None, "keys/", CancellationToken.None);
        Assert.True(await keys.AnyAsync());
    }
}
