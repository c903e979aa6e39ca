using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Assist.Functions.Hosting;

/// <summary>
/// Keeps the ASP.NET Core Data Protection key ring in a private blob container, so every instance of the app
/// protects and unprotects with the same keys: development tokens, anti-forgery tokens, sign-in cookies and the
/// idempotent-submit payloads made on one instance are read on another. (Flex Consumption instances share no
/// file system.) The container is reached with the app's managed identity in Azure; nothing else can read it.
/// </summary>
public sealed class BlobXmlRepository(BlobContainerClient container) : IXmlRepository
{
    public const string ContainerName = "data-protection";
    private const string Prefix = "keys/";
    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync(PublicAccessType.None));

    // IXmlRepository is synchronous; the key manager calls it rarely (start-up and key rotation) and caches the ring.
    public IReadOnlyCollection<XElement> GetAllElements() => GetAllElementsAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => StoreElementAsync(element, friendlyName).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> GetAllElementsAsync()
    {
        await _created.Value;
        var elements = new List<XElement>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, CancellationToken.None))
        {
            BlobDownloadResult content = await container.GetBlobClient(blob.Name).DownloadContentAsync();
            elements.Add(XElement.Parse(content.Content.ToString()));
        }

        return elements;
    }

    private async Task StoreElementAsync(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        await _created.Value;
        // A fresh name per element: two instances creating a key at once both keep theirs; the ring holds both.
        var name = $"{Prefix}{Sanitize(friendlyName)}-{Guid.NewGuid():N}.xml";
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            });
    }

    private static string Sanitize(string friendlyName) =>
        new([.. friendlyName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(64)]);
}
