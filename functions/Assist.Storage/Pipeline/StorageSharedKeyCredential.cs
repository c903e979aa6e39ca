using System.Security.Cryptography;
using System.Text;

namespace Assist.Storage.Pipeline;

/// <summary>An account name and key, for Shared Key request signing and service SAS. Never printed.</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("The storage account key is not valid base64.", nameof(accountKey), exception);
        }
    }

    public string AccountName { get; }

    /// <summary>Base64 HMAC-SHA256 of the UTF-8 string to sign, as Shared Key and SAS signatures are defined.</summary>
    public string ComputeHmacSha256(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    public override string ToString() => $"SharedKey({AccountName})";
}
