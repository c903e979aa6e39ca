using System.Globalization;
using System.Text;
using Assist.Storage.Pipeline;

namespace Assist.Storage.Blobs;

/// <summary>
/// A service SAS for one blob or container, signed with the account key (no user delegation): the short-lived
/// read link an attachment download hands to a browser. Times are explicit so tests control the clock.
/// </summary>
public sealed class BlobSasBuilder
{
    /// <summary>The signed version: from 2020-12-06 the string to sign includes the encryption scope line.</summary>
    public const string SasVersion = "2020-12-06";

    public required string BlobContainerName { get; init; }

    /// <summary>The blob; null for a container SAS.</summary>
    public string? BlobName { get; init; }

    public BlobSasPermissions Permissions { get; init; } = BlobSasPermissions.Read;

    /// <summary>When the link starts working; null for "now" (avoids clock-skew failures right after signing).</summary>
    public DateTimeOffset? StartsOn { get; init; }

    public required DateTimeOffset ExpiresOn { get; init; }

    /// <summary>"https" for HTTPS only (production), or "https,http" (Azurite).</summary>
    public string? Protocol { get; init; }

    /// <summary>Served as the download's Content-Disposition, e.g. <c>attachment; filename="report.pdf"</c>.</summary>
    public string? ContentDisposition { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The SAS query string (without '?'), signed with <paramref name="credential"/>.</summary>
    public string ToSasQueryParameters(StorageSharedKeyCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (Permissions == BlobSasPermissions.None)
        {
            throw new InvalidOperationException("A SAS needs at least one permission.");
        }

        var resource = BlobName is null ? "c" : "b";
        var permissions = PermissionString(Permissions);
        var start = StartsOn is { } s ? Format(s) : string.Empty;
        var expiry = Format(ExpiresOn);
        var canonicalResource = $"/blob/{credential.AccountName}/{BlobContainerName}" + (BlobName is null ? string.Empty : "/" + BlobName);
        var stringToSign = BuildStringToSign(permissions, start, expiry, canonicalResource, resource);
        var signature = credential.ComputeHmacSha256(stringToSign);

        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append(query.Length == 0 ? string.Empty : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("sv", SasVersion);
        Add("spr", Protocol);
        Add("st", start);
        Add("se", expiry);
        Add("sr", resource);
        Add("sp", permissions);
        Add("rscd", ContentDisposition);
        Add("rsct", ContentType);
        Add("sig", signature);
        return query.ToString();
    }

    internal string BuildStringToSign(string permissions, string start, string expiry, string canonicalResource, string resource) =>
        string.Join('\n',
            permissions,
            start,
            expiry,
            canonicalResource,
            string.Empty, // signed identifier (stored access policy): not used
            string.Empty, // signed IP range
            Protocol ?? string.Empty,
            SasVersion,
            resource,
            string.Empty, // snapshot time
            string.Empty, // encryption scope
            string.Empty, // rscc
            ContentDisposition ?? string.Empty,
            string.Empty, // rsce
            string.Empty, // rscl
            ContentType ?? string.Empty);

    /// <summary>Permission letters in the order the service requires (racwdl).</summary>
    internal static string PermissionString(BlobSasPermissions permissions)
    {
        var text = new StringBuilder();
        if (permissions.HasFlag(BlobSasPermissions.Read))
        {
            text.Append('r');
        }

        if (permissions.HasFlag(BlobSasPermissions.Add))
        {
            text.Append('a');
        }

        if (permissions.HasFlag(BlobSasPermissions.Create))
        {
            text.Append('c');
        }

        if (permissions.HasFlag(BlobSasPermissions.Write))
        {
            text.Append('w');
        }

        if (permissions.HasFlag(BlobSasPermissions.Delete))
        {
            text.Append('d');
        }

        if (permissions.HasFlag(BlobSasPermissions.List))
        {
            text.Append('l');
        }

        return text.ToString();
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
