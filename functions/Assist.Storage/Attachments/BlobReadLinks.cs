using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Assist.Storage.Attachments;

/// <summary>
/// Short-lived, read-only links to single blobs (<see cref="BlobSasBuilder"/>), signed the way the clients authenticate:
/// with the account key when they run on a connection string (Azurite, local runs), otherwise with a user delegation
/// key obtained through the app's identity — so production signs links without any account key. The delegation key
/// is cached and renewed when it would expire before a new link does.
/// </summary>
public sealed class BlobReadLinks(BlobServiceClient service, TimeProvider time)
{
    /// <summary>How long a user delegation key is asked for (the service allows up to 7 days).</summary>
    public static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(12);

    /// <summary>Links start this much before now, so a storage clock slightly behind ours accepts them at once.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private Task<UserDelegationKey>? _key;

    /// <summary>
    /// A link that reads <paramref name="blob"/> without credentials until <paramref name="lifetime"/> from now, served
    /// as a download named <paramref name="fileName"/> with <paramref name="contentType"/>.
    /// </summary>
    public async Task<Uri> CreateAsync(BlobClient blob, TimeSpan lifetime, string? fileName = null, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var now = time.GetUtcNow();
        var builder = new BlobSasBuilder(BlobSasPermissions.Read, now + lifetime)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now - ClockSkew,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
            // RFC 6266 with the RFC 8187 form of the name, so Chinese file names arrive intact.
            ContentDisposition = fileName is null ? null : "attachment; filename*=UTF-8''" + Uri.EscapeDataString(fileName),
            ContentType = contentType,
        };
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(builder);
        }

        var key = await DelegationKeyAsync(now, builder.ExpiresOn, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key, service.AccountName) }.ToUri();
    }

    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset now, DateTimeOffset linkExpiresOn, CancellationToken cancellationToken)
    {
        Task<UserDelegationKey> key;
        lock (_gate)
        {
            // One request for a key however many links are signed at once; a new one when it failed or would expire first.
            if (_key is null || _key.IsFaulted || _key.IsCanceled || (_key.IsCompletedSuccessfully && _key.Result.SignedExpiresOn < linkExpiresOn))
            {
                _key = RequestKeyAsync(now, Max(now + DelegationKeyLifetime, linkExpiresOn));
            }

            key = _key;
        }

        return await key.WaitAsync(cancellationToken);
    }

    private async Task<UserDelegationKey> RequestKeyAsync(DateTimeOffset now, DateTimeOffset expiresOn) =>
        (await service.GetUserDelegationKeyAsync(now - ClockSkew, expiresOn, CancellationToken.None)).Value;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
